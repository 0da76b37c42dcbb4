"""The API reference and its OpenAPI schema speak Spanish by default, English when asked (?lang=en or the switch)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_api_reference_is_in_spanish_by_default(client):
    html = client.get(reverse("api:docs")).content.decode()
    assert "Problemas publicados" in html and "Reportar un problema" in html
    assert "Código de la UPZ, p. ej. 57." in html
    assert "Published problems" not in html and "No published problem with this id." not in html


def test_schema_is_in_spanish_by_default(client):
    schema = client.get(reverse("api:schema")).json()
    assert schema["info"]["title"] == "API de Usme Innova"
    assert schema["info"]["description"].startswith("API pública del Laboratorio")
    summaries = {op["summary"] for methods in schema["paths"].values() for op in methods.values() if "summary" in op}
    assert {"Problemas publicados", "Propuestas publicadas", "Debates públicos", "Cursos publicados"} <= summaries
    assert "Published problems" not in summaries


def test_english_when_asked_by_parameter(client):
    html = client.get(reverse("api:docs"), {"lang": "en"}).content.decode()
    assert '<html lang="en">' in html and "Published problems" in html and "Problemas publicados" not in html
    schema = client.get(reverse("api:schema"), {"lang": "en"}).json()
    assert schema["info"]["title"] == "Usme Innova API"
    summaries = {op["summary"] for methods in schema["paths"].values() for op in methods.values() if "summary" in op}
    assert "Published problems" in summaries


def test_english_when_the_language_switch_says_so(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Published problems" in client.get(reverse("api:docs")).content.decode()
    assert client.get(reverse("api:schema")).json()["info"]["title"] == "Usme Innova API"
