"""Every PDF goes through core/pdf.py: one font set, nothing fetched."""

import http.server
import subprocess
import threading

import pytest
from django.test import override_settings

from innova.core import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def listening_server():
    """A local HTTP server that counts the requests it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests
    server.shutdown()


def test_a_pdf_never_makes_the_server_fetch_an_address(listening_server):
    address, requests = listening_server
    page = f'<p>Señal: ñandú</p><img src="{address}/espia.png"><link rel="stylesheet" href="{address}/a.css">'
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", {"page.html": page})]},
        }
    ]
    with override_settings(TEMPLATES=templates):
        document = pdf.pdf_render("page.html", {})
    assert document.startswith(b"%PDF")
    assert requests == []


def test_every_pdf_uses_the_same_font_set(client, tmp_path):
    response = client.get("/canales/formulario.pdf")  # the attention points' paper form
    assert response.status_code == 200
    (tmp_path / "form.pdf").write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", tmp_path / "form.pdf"], capture_output=True, text=True, check=True).stdout
    assert "DejaVu-Sans" in fonts and "Bitstream" not in fonts


def test_pdf_response_is_inline_unless_downloaded():
    assert pdf.pdf_response(b"%PDF", filename="a.pdf")["Content-Disposition"] == 'inline; filename="a.pdf"'
    assert pdf.pdf_response(b"%PDF", filename="a.pdf", download=True)["Content-Disposition"].startswith("attachment")
