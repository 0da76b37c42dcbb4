"""The maps draw Usme's official UPZ shapes, and streets only from the tile server the operator chose (#20)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

import pytest
from PIL import Image
from pmtiles.tile import TileType

from innova.core.middleware import CONTENT_SECURITY_POLICY
from innova.territory.tests.archive import usme_archive_write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tile_server(tmp_path):
    """A tiny XYZ tile set on 127.0.0.1: every tile is a PNG written here with Pillow; requests are recorded."""
    tiles = {}
    for z in range(10, 19):
        path = tmp_path / f"tile-{z}.png"
        Image.new("RGB", (256, 256), (230, 220 - z * 5, 200)).save(path)
        tiles[z] = path.read_bytes()
    served = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's API
            parts = self.path.strip("/").removesuffix(".png").split("/")
            body = tiles.get(int(parts[0])) if len(parts) == 3 and parts[0].isdigit() else None
            if body is None:
                self.send_error(404)
                return
            served.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", served
    server.shutdown()


def _violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else 0)
    return found


def test_the_problems_map_draws_the_official_upzs_with_ideca_credit_and_no_tiles(
    browser_context_factory, live_server, screenshot, make_problem
):
    make_problem(latitude=4.5194, longitude=-74.1147)
    page = browser_context_factory(width=360, height=740).new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error.stack))
    page.goto(live_server.url + "/problemas/mapa/")
    page.wait_for_load_state("networkidle")
    assert not errors, errors
    page.locator(".upz-label", has_text="Gran Yomasa").wait_for()
    labels = page.locator(".upz-label").all_inner_texts()
    assert sorted(labels) == sorted(
        ["La Flora", "Danubio", "Gran Yomasa", "Comuneros", "Alfonso López", "Parque Entrenubes", "Ciudad Usme"]
    )
    # Seven UPZs, the rural zone and the outline of the locality, drawn as real shapes (not rectangles).
    assert page.locator(".leaflet-overlay-pane path").count() >= 9
    assert page.locator(".leaflet-tile").count() == 0
    assert "IDECA Bogotá" in page.locator(".leaflet-control-attribution").inner_text()
    screenshot(page, "problems-map-real-shapes", full_page=False)


def test_an_xyz_tile_server_set_by_the_operator_loads_under_the_csp(
    browser_context_factory, live_server, settings, tile_server, screenshot
):
    origin, served = tile_server
    settings.MAP_TILES = origin + "/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "© Servidor de mapas de prueba"
    page = browser_context_factory(width=360, height=740).new_page()
    violations = _violations(page)
    response = page.goto(live_server.url + "/problemas/mapa/")
    assert origin in response.headers["content-security-policy"]
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert served, "the tiles must come from the operator's server"
    assert page.locator(".leaflet-tile-loaded").count() >= 2
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "© Servidor de mapas de prueba" in attribution and "IDECA Bogotá" in attribution
    assert not violations, violations
    screenshot(page, "problems-map-with-tiles", full_page=False)


def test_a_local_pmtiles_archive_draws_streets_with_no_request_leaving_the_site(
    browser_context_factory, live_server, settings, tmp_path, screenshot
):
    archive = tmp_path / "usme.pmtiles"
    usme_archive_write(archive, zooms=(12, 13))
    settings.MAP_TILES = str(archive)
    settings.MAP_TILES_ATTRIBUTION = "© Teselas de prueba"
    page = browser_context_factory(width=360, height=740).new_page()
    requested, archive_answers, errors = [], [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "response",
        lambda response: (
            archive_answers.append((response.status, response.request.headers.get("range")))
            if "/territorio/teselas.pmtiles" in response.url
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(error.stack))
    violations = _violations(page)
    response = page.goto(live_server.url + "/problemas/mapa/")
    # Case (c) adds no origin to the policy: the archive comes from the site itself.
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    tiles = page.locator(".leaflet-tile-pane img.leaflet-tile-loaded[src^='blob:']")
    tiles.first.wait_for()
    page.wait_for_load_state("networkidle")
    assert tiles.count() >= 2
    # Each tile is a decoded 256 px PNG read out of the archive.
    sizes = tiles.evaluate_all("images => images.map(image => [image.complete, image.naturalWidth])")
    assert sizes and all(size == [True, 256] for size in sizes), sizes
    assert archive_answers and all(status == 206 for status, _ in archive_answers), archive_answers
    assert all(asked and asked.startswith("bytes=") for _, asked in archive_answers)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "© Teselas de prueba" in attribution and "IDECA Bogotá" in attribution
    assert not errors, errors
    assert not violations, violations
    # Every request, the tiles' blob: images included, stays on this machine.
    hosts = {urlparse(url.removeprefix("blob:")).hostname for url in requested if not url.startswith("data:")}
    assert hosts <= {"127.0.0.1", "localhost"}, sorted(url for url in requested if "127.0.0.1" not in url)
    screenshot(page, "problems-map-with-pmtiles-archive", full_page=False)


@pytest.mark.parametrize("archive_kind", ["missing", "vector"])
def test_an_archive_that_cannot_be_drawn_leaves_the_polygons(
    browser_context_factory, live_server, settings, tmp_path, archive_kind
):
    archive = tmp_path / "usme.pmtiles"
    if archive_kind == "vector":
        usme_archive_write(archive, zooms=(12,), tile_type=TileType.MVT)
    settings.MAP_TILES = str(archive)
    page = browser_context_factory(width=360, height=740).new_page()
    errors, warnings = [], []
    page.on("pageerror", lambda error: errors.append(error.stack))
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(live_server.url + "/problemas/mapa/")
    page.locator(".upz-label", has_text="Gran Yomasa").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator(".leaflet-tile").count() == 0
    assert not errors, errors
    assert any("PMTiles" in text for text in warnings), warnings


def test_tapping_inside_upz_57_names_gran_yomasa_on_the_report_form(browser_context_factory, live_server, screenshot):
    page = browser_context_factory(width=360, height=740).new_page()
    page.goto(live_server.url + "/problemas/nuevo/")
    label = page.locator("#report-map .upz-label", has_text="Gran Yomasa")
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    # The label sits at the point deepest inside UPZ 57 and lets taps through to the map; tap just below its text.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] + 4)
    page.get_by_text("Punto marcado en 57 Gran Yomasa").wait_for()
    assert page.locator("#id_upz option:checked").inner_text() == "57 Gran Yomasa"
    assert page.input_value("#id_latitude") != ""
    assert "redondeado a unos 100 metros" in page.locator("#point-privacy").inner_text()
    screenshot(page, "report-tap-in-gran-yomasa", full_page=False)


def test_choosing_a_upz_in_the_list_centres_the_map_on_it(browser_context_factory, live_server):
    page = browser_context_factory(width=360, height=740).new_page()
    page.goto(live_server.url + "/problemas/nuevo/")
    page.locator("#report-map .upz-label", has_text="Danubio").wait_for()
    page.select_option("#id_upz", label="61 Ciudad Usme")
    page.wait_for_timeout(600)  # Leaflet's zoom animation
    map_box = page.locator("#report-map").bounding_box()

    def inside_map(name):
        box = page.locator("#report-map .upz-label", has_text=name).bounding_box()
        centre_y = box["y"] + box["height"] / 2
        return map_box["y"] <= centre_y <= map_box["y"] + map_box["height"]

    assert inside_map("Ciudad Usme") and not inside_map("Danubio")
