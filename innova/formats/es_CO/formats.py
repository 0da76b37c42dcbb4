from innova.formats.es.formats import *  # noqa: F403
