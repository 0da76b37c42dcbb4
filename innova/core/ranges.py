"""A file from disk answered with HTTP range requests (RFC 9110 §14), streamed, never read whole.

What a client that reads pieces of a large file needs — the PMTiles reader of the maps asks for the header, then
for each tile's few kilobytes. One range per request (``bytes=10-19``, ``bytes=10-``, the suffix ``bytes=-10``)
is answered ``206 Partial Content`` with ``Content-Range``; a range that starts past the end of the file, or whose
end comes before its start, ``416`` with ``Content-Range: bytes */<size>``. A ``Range`` header in another unit or
with several ranges is ignored, as the RFC allows, and the whole file is sent with ``200``. ``ETag`` (size and
modification time) and ``Last-Modified`` let browsers revalidate (``304``), and ``If-Range`` falls back to the
whole file when the file changed. HEAD answers the same headers without a body.
"""

import os
import re
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

_BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte positions, inclusive, that ``header`` asks of a file of ``size`` bytes.

    None: serve the whole file (no header, another unit, several ranges). Raises ``RangeNotSatisfiable``.
    """
    match = _BYTE_RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        raise RangeNotSatisfiable
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = size - 1 if not last else min(int(last), size - 1)
    if start >= size or (last and int(last) < start):
        raise RangeNotSatisfiable
    return start, end


class _FileSlice:
    """``length`` bytes of an open file from ``start``, read in the blocks the server asks for."""

    def __init__(self, handle, start: int, length: int):
        self.handle = handle
        self.remaining = length
        handle.seek(start)

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size is None or size < 0 else min(size, self.remaining)
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def ranged_file_response(request: HttpRequest, path: Path, *, content_type: str, cache_control: str) -> HttpResponse:
    """The file at ``path`` for a GET or HEAD, whole or in the range asked. Raises ``OSError`` if it cannot be
    opened (the caller decides what a missing file means)."""
    handle = open(path, "rb")  # noqa: SIM115 - closed by the response (FileResponse) or below
    try:
        stat = os.fstat(handle.fileno())
        size = stat.st_size
        etag = f'"{size:x}-{stat.st_mtime_ns:x}"'
        last_modified = int(stat.st_mtime)
        headers = {
            "Accept-Ranges": "bytes",
            "ETag": etag,
            "Last-Modified": http_date(last_modified),
            "Cache-Control": cache_control,
        }
        conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if conditional is not None:  # 304 Not Modified or 412 Precondition Failed
            handle.close()
            for name, value in headers.items():
                conditional.headers[name] = value
            return conditional

        requested = request.headers.get("Range", "")
        if requested and not _if_range_holds(request.headers.get("If-Range", ""), etag, last_modified):
            requested = ""
        try:
            span = byte_range(requested, size) if requested else None
        except RangeNotSatisfiable:
            handle.close()
            response = HttpResponse(status=416, headers={**headers, "Content-Range": f"bytes */{size}"})
            response.headers["Content-Length"] = "0"
            return response

        start, end = span if span is not None else (0, size - 1)
        length = max(0, end - start + 1)
        headers["Content-Length"] = str(length)
        status = 200
        if span is not None:
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        if request.method == "HEAD":
            handle.close()
            response = HttpResponse(status=status, content_type=content_type, headers=headers)
            response.headers["Content-Length"] = str(length)
            return response
    except BaseException:
        handle.close()
        raise
    response = FileResponse(_FileSlice(handle, start, length), status=status, content_type=content_type)
    for name, value in headers.items():
        response.headers[name] = value
    return response


def _if_range_holds(if_range: str, etag: str, last_modified: int) -> bool:
    """A Range with ``If-Range`` counts only if the file is still the one the client had (RFC 9110 §13.1.5)."""
    if not if_range:
        return True
    if if_range.startswith('"'):
        return if_range == etag
    return parse_http_date_safe(if_range) == last_modified
