"""Private files (``innova.core.files``): no public address."""

import pytest
from django.core.files.base import ContentFile

from innova.core.files import private_storage


def test_hardening_06_private_storage_lives_outside_media_and_has_no_public_address(settings):
    storage = private_storage()
    name = storage.save("problemas/1/foto.jpg", ContentFile(b"jpeg"))
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == b"jpeg"
    assert not (settings.MEDIA_ROOT / name).exists()
    with pytest.raises(ValueError):
        storage.url(name)
