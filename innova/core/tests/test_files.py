"""Private files (``innova.core.files``): no public address, moved out of public media by the data migration."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from innova.core.files import files_move, private_storage


def test_hardening_06_private_storage_lives_outside_media_and_has_no_public_address(settings):
    storage = private_storage()
    name = storage.save("problemas/1/foto.jpg", ContentFile(b"jpeg"))
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == b"jpeg"
    assert not (settings.MEDIA_ROOT / name).exists()
    with pytest.raises(ValueError):
        storage.url(name)


def test_hardening_06_existing_photos_move_out_of_public_media(settings):
    public, private = storages["default"], private_storage()
    public.save("problemas/7/foto.jpg", ContentFile(b"full"))
    public.save("problemas/7/foto-mini.jpg", ContentFile(b"mini"))
    names = ["problemas/7/foto.jpg", "problemas/7/foto-mini.jpg", "problemas/8/gone.jpg", ""]
    assert files_move(names, source=public, target=private) == 2
    assert not public.exists("problemas/7/foto.jpg") and private.open("problemas/7/foto.jpg").read() == b"full"
    assert files_move(names, source=public, target=private) == 0  # running it again changes nothing
