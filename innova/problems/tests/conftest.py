from innova.core.testing import jpeg_with_gps  # noqa: F401 - re-exported for the problem tests
