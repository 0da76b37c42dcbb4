"""Error pages: whatever went wrong, a resident reads a Spanish page with the right status, also under DEBUG=1."""

from urllib.parse import urlencode

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(params=[False, True], ids=["production", "debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def _spanish_page(response) -> str:
    html = response.content.decode()
    assert '<html lang="es-CO">' in html
    assert "Bad Request" not in html and "Forbidden" not in html
    return html


def test_hardening_15_oversized_body_gets_a_spanish_413_page(client, debug):
    body = b"message=" + b"a" * (45 * 1024 * 1024)
    response = client.post("/contacto/", data=body, content_type=FORM)
    assert response.status_code == 413
    assert "Lo que envió es demasiado grande" in _spanish_page(response)


def test_hardening_15_too_many_fields_get_a_spanish_413_page(client, debug):
    body = urlencode({f"campo{i}": "x" for i in range(2000)})
    response = client.post("/contacto/", data=body, content_type=FORM)
    assert response.status_code == 413
    assert "Lo que envió es demasiado grande" in _spanish_page(response)


def test_hardening_15_oversized_api_request_answers_json_in_spanish(client, debug):
    response = client.post(
        "/api/v1/problems/", data=b"{" + b" " * (41 * 1024 * 1024) + b"}", content_type="application/json"
    )
    assert response.status_code == 413
    assert "demasiado grande" in response.json()["detail"]


def test_hardening_15_csrf_failure_gets_a_spanish_403_page(debug):
    response = Client(enforce_csrf_checks=True).post("/contacto/", {"name": "Ana"})
    assert response.status_code == 403
    assert "El formulario caducó" in _spanish_page(response)


def test_hardening_15_malformed_upload_gets_a_spanish_400_page(client, debug):
    response = client.post("/contacto/", data=b"--\r\nbasura", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    assert "No pudimos entender lo que envió" in _spanish_page(response)


def test_hardening_15_bad_request_handler_renders_a_spanish_400_page(client, settings):
    settings.DEBUG = False
    response = client.get("/", HTTP_HOST="atacante.example")  # a host not in ALLOWED_HOSTS is a 400
    assert response.status_code == 400
    assert "No pudimos entender lo que envió" in _spanish_page(response)


def test_hardening_15_missing_page_and_forbidden_page_are_spanish(client, citizen, settings):
    settings.DEBUG = False
    response = client.get("/no-existe-esta-pagina/")
    assert response.status_code == 404
    assert "No encontramos esta página" in _spanish_page(response)
    client.force_login(citizen)
    response = client.get("/admin/")
    assert response.status_code in {302, 403}
