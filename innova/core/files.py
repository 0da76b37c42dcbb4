"""Uploaded files that must leave the web with what they belong to.

Files under ``MEDIA_ROOT`` are served to anyone who has the address, whatever happens to the problem or course
they came with. Files in the ``private`` storage live under ``PRIVATE_MEDIA_ROOT`` instead, which nothing serves
directly: a view looks the object up through the same selector as its page (so hiding, deleting or unpublishing
it answers 404 at once) and answers with ``private_file_response``. Behind nginx, ``MEDIA_ACCEL_REDIRECT_PREFIX``
names an ``internal`` location aliasing ``PRIVATE_MEDIA_ROOT`` and the proxy sends the bytes; without it, Django
streams the file itself.
"""

from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

# Browsers may keep a photo for a while; shared caches (a proxy, a CDN) may not keep it at all, so a hidden
# problem's photo is not served to anyone else from a cache.
CACHE_CONTROL = "private, max-age=600"


class PrivateStorage(FileSystemStorage):
    """A file system storage under ``PRIVATE_MEDIA_ROOT`` without public addresses: ``url()`` refuses."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError(f"{name} is private: link to the view that checks who may see it.")


class PrivateFileInput(forms.ClearableFileInput):
    """The admin's file input for a private file: its "currently" link is ``instance.href`` (the checking view),
    as the storage refuses a public address."""

    class _Linked(str):
        url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) is not None)

    def format_value(self, value):
        if self.is_initial(value):
            linked = self._Linked(value.name)
            linked.url = value.instance.href
            return linked
        return None


def private_storage():
    """The storage of private files (a callable, so models and migrations do not pin one instance)."""
    return storages["private"]


def private_file_response(file, *, content_type: str, download_name: str | None = None) -> HttpResponse:
    """Answer with ``file`` (a FieldFile in the private storage) once the caller has checked who may see it."""
    if not file:
        raise Http404
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(file.name)
        if download_name:
            response["Content-Disposition"] = content_disposition_header(True, download_name)
    else:
        try:
            handle = file.storage.open(file.name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle, content_type=content_type, as_attachment=bool(download_name), filename=download_name or ""
        )
    response["Cache-Control"] = CACHE_CONTROL
    return response
