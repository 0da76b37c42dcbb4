"""MAP_TILES may name a local PMTiles archive, served by the app in byte ranges at /territorio/teselas.pmtiles."""

import logging

import pytest

from innova.core.middleware import CONTENT_SECURITY_POLICY
from innova.territory.checks import map_tiles_check
from innova.territory.maptiles import tile_layer, tiles_archive, tiles_origin
from innova.territory.tests.archive import usme_archive_write

pytestmark = pytest.mark.django_db

URL = "/territorio/teselas.pmtiles"


@pytest.fixture
def archive(tmp_path, settings):
    path = tmp_path / "usme.pmtiles"
    usme_archive_write(path)
    settings.MAP_TILES = str(path)
    settings.MAP_TILES_ATTRIBUTION = "© Teselas de prueba"
    return path.read_bytes()


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_whole_archive_is_streamed_with_its_validators(client, archive):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.streaming, "the archive is streamed from disk, not read whole"
    assert _body(response) == archive
    assert response["Content-Length"] == str(len(archive))
    assert response["Content-Type"] == "application/vnd.pmtiles"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"') and response["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-126", 0, 126),  # the header a PMTiles reader asks first
        ("bytes=127-266", 127, 266),
        ("bytes=1000-", 1000, None),  # open end
        ("bytes=-50", -50, None),  # suffix: the last 50 bytes
        ("bytes=0-16383", 0, 16383),  # the reader's first request
        ("bytes=80000-999999", 80000, None),  # an end past the file is cut at the file's end
    ],
)
def test_a_range_is_answered_206_with_exactly_those_bytes(client, archive, header, first, last):
    response = client.get(URL, headers={"Range": header})
    expected = archive[first:] if last is None else archive[first : last + 1]
    start = first % len(archive)
    assert response.status_code == 206
    assert _body(response) == expected
    assert response["Content-Length"] == str(len(expected))
    assert response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(archive)}"
    assert response["Accept-Ranges"] == "bytes"


def test_a_suffix_longer_than_the_file_gives_the_whole_file(client, archive):
    response = client.get(URL, headers={"Range": f"bytes=-{len(archive) + 10}"})
    assert response.status_code == 206
    assert _body(response) == archive


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=20-10", "bytes=-0", "bytes=-"])
def test_a_range_that_cannot_be_satisfied_is_416_with_the_size(client, archive, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(archive)}"


@pytest.mark.parametrize("header", ["items=0-10", "bytes=0-1,5-6", "bytes=a-b"])
def test_a_range_in_another_unit_or_several_ranges_is_ignored(client, archive, header):
    response = client.get(URL, headers={"Range": header})
    assert response.status_code == 200
    assert _body(response) == archive


def test_head_answers_the_headers_without_a_body(client, archive):
    whole = client.head(URL)
    assert whole.status_code == 200
    assert whole["Content-Length"] == str(len(archive))
    assert _body(whole) == b""
    part = client.head(URL, headers={"Range": "bytes=10-19"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 10-19/{len(archive)}"
    assert part["Content-Length"] == "10"
    assert _body(part) == b""


def test_revalidation_and_if_range(client, archive):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, headers={"If-None-Match": etag}).status_code == 304
    same = client.get(URL, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert same.status_code == 206
    changed = client.get(URL, headers={"Range": "bytes=0-9", "If-Range": '"an-older-file"'})
    assert changed.status_code == 200
    assert _body(changed) == archive


def test_only_get_and_head(client, archive):
    assert client.post(URL).status_code == 405


def test_a_missing_archive_is_404_and_logged_not_500(client, settings, tmp_path, caplog):
    settings.MAP_TILES = str(tmp_path / "no-such.pmtiles")
    with caplog.at_level(logging.WARNING, logger="innova.territory.views"):
        response = client.get(URL)
    assert response.status_code == 404
    assert "no-such.pmtiles" in caplog.text
    assert [warning.id for warning in map_tiles_check()] == ["territory.W001"]


def test_a_readable_archive_passes_the_check(archive):
    assert map_tiles_check() == []


@pytest.mark.parametrize("value", ["", "https://tiles.example.org/{z}/{x}/{y}.png"])
def test_nothing_is_served_when_map_tiles_names_no_archive(client, settings, value):
    settings.MAP_TILES = value
    assert client.get(URL).status_code == 404


def test_what_counts_as_an_archive(settings):
    settings.MAP_TILES = "tiles/usme.PMTILES"
    assert tiles_archive() == settings.BASE_DIR / "tiles/usme.PMTILES"
    settings.MAP_TILES = "https://example.org/usme.pmtiles"  # a remote archive is not read (it is not an XYZ template)
    assert tiles_archive() is None and tile_layer() is None and tiles_origin() == ""
    assert [warning.id for warning in map_tiles_check()] == ["territory.W002"]
    settings.MAP_TILES = "/srv/innova/usme.pmtiles"
    assert str(tiles_archive()) == "/srv/innova/usme.pmtiles"
    assert tiles_origin() == ""
    assert tile_layer() == {"pmtiles": URL, "attribution": settings.MAP_TILES_ATTRIBUTION}


def test_the_map_pages_load_the_reader_and_the_csp_stays_self(client, archive):
    response = client.get("/problemas/mapa/")
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    page = response.content.decode()
    assert "vendor/pmtiles" in page and URL in page


def test_the_reader_is_not_loaded_without_an_archive(client, settings):
    settings.MAP_TILES = ""
    assert "vendor/pmtiles" not in client.get("/problemas/mapa/").content.decode()
