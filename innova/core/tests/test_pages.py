import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["core:home", "core:data_policy", "core:terms", "core:accessibility", "core:contact", "territory:index"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_render_in_spanish_with_csp(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es-CO">' in html
    assert 'href="#contenido"' in html  # skip link
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp


def test_home_explains_the_lab_in_spanish(client):
    html = client.get("/").content.decode()
    assert "Laboratorio" in html or "laboratorio" in html
    for section in ["Problemas", "Frentes", "Propuestas", "Debates", "Encuestas", "Agenda", "Cursos", "Datos abiertos"]:
        assert section in html


def test_english_is_switchable(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()
    assert "Problems" in response.content.decode()


def test_unknown_page_is_a_spanish_404(client):
    response = client.get("/no-existe/")
    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


def test_favicon_ico_is_served_not_a_404(client):
    """Browsers ask for /favicon.ico on every page (and on PDFs, JSON and the API docs): they get the lab's icon."""
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and "favicon.ico" in html
