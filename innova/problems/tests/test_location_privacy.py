"""Hardening #18.7 / #20.6: the exact point of a report can reveal a home; only staff see it."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EXACT = (4.521234, -74.116789)  # inside UPZ 57 Gran Yomasa
COARSE = (4.521, -74.117)


@pytest.fixture
def problem(make_problem):
    return make_problem(title="Hueco frente a mi casa", latitude=EXACT[0], longitude=EXACT[1])


def _api_point(client, problem):
    data = client.get(f"/api/v1/problems/{problem.pk}/").json()
    return data["latitude"], data["longitude"]


def _map_point(client, problem):
    points = client.get(reverse("problems:map_points")).json()["problems"]
    row = next(p for p in points if p["id"] == problem.pk)
    return row["lat"], row["lon"]


def _open_data_point(client, problem):
    response = client.get(reverse("opendata:download", args=["problems", "csv"]))
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(problem.pk))
    return float(row["latitude"]), float(row["longitude"])


def test_hardening_07_a_visitor_gets_a_coarsened_point_in_the_api_map_json_and_open_data(client, problem):
    assert _api_point(client, problem) == COARSE
    assert _map_point(client, problem) == COARSE
    assert _open_data_point(client, problem) == COARSE
    html = client.get(problem.get_absolute_url()).content.decode()
    assert 'data-lat="4.521000"' in html and str(EXACT[0]) not in html


def test_hardening_07_a_resident_who_is_not_staff_also_gets_the_coarsened_point(client, problem, citizen):
    client.force_login(citizen)
    assert _api_point(client, problem) == COARSE
    assert _map_point(client, problem) == COARSE


def test_hardening_07_staff_who_go_there_see_the_exact_point(client, problem, official):
    client.force_login(official)
    assert _api_point(client, problem) == EXACT
    assert _map_point(client, problem) == EXACT
    # The open data is public: coarsened for everyone.
    assert _open_data_point(client, problem) == COARSE


def test_hardening_07_the_report_form_says_the_point_is_rounded(client):
    html = client.get(reverse("problems:report")).content.decode()
    assert "redondeado a unos 100" in html


def test_hardening_07_the_data_protection_text_says_the_exact_place_is_private(client):
    policy = client.get("/politica-de-datos/").content.decode()
    assert "El lugar de sus reportes" in policy and "redondeado a unos 100 metros" in policy


def test_the_barrio_or_address_in_words_is_private_to_staff(client, make_problem, official):
    problem = make_problem(title="Poste caído", place_description="Calle 91 Sur # 14-23")
    assert "Calle 91 Sur" not in client.get(problem.get_absolute_url()).content.decode()
    assert "Calle 91 Sur" not in client.get(f"/api/v1/problems/{problem.pk}/").content.decode()
    client.force_login(official)
    assert "Calle 91 Sur # 14-23" in client.get(problem.get_absolute_url()).content.decode()
