"""Open-data files: each dataset validates against its datapackage schema; no column holds personal data."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from innova.opendata import registry
from innova.opendata.services import FOLDER, opendata_export
from innova.opendata.tasks import opendata_export_nightly
from innova.problems.services import problem_answer, problem_support_set

pytestmark = pytest.mark.django_db

# Column names that would carry personal data. Any dataset that grows one fails here.
PERSONAL = {
    "author",
    "author_id",
    "author_name",
    "user",
    "user_id",
    "email",
    "phone",
    "name",
    "first_name",
    "last_name",
    "display_name",
    "document",
    "address",
    "ip",
    "client_key",
    "supporter",
    "supporters",
    "hidden_reason",
}


def _check_value(kind: str, text: str) -> None:
    """Strict Frictionless Table Schema parsing of one CSV cell."""
    if kind == "integer":
        assert str(int(text)) == text
    elif kind == "number":
        float(text)
    elif kind == "boolean":
        assert text in ("true", "false")
    elif kind == "datetime":
        datetime.datetime.fromisoformat(text)
    elif kind == "date":
        datetime.date.fromisoformat(text)


def _name(resource: dict) -> str:
    """The dataset name from a resource's published path, ``descargas/<name>.csv``."""
    return resource["path"].removeprefix("descargas/").removesuffix(".csv")


def _validate(resource: dict) -> int:
    schema = resource["schema"]
    with default_storage.open(f"{FOLDER}/{_name(resource)}.csv", "rb") as handle:
        rows = list(csv.reader(io.StringIO(handle.read().decode("utf-8"))))
    header, body = rows[0], rows[1:]
    assert header == [f["name"] for f in schema["fields"]], resource["name"]
    keys = set()
    for row in body:
        assert len(row) == len(header)
        for f, cell in zip(schema["fields"], row, strict=True):
            if cell in schema["missingValues"]:
                assert not f["constraints"]["required"], f"{resource['name']}.{f['name']} is required"
                continue
            _check_value(f["type"], cell)
        if schema.get("primaryKey"):
            key = tuple(row[header.index(k)] for k in schema["primaryKey"])
            assert key not in keys, f"duplicate key {key}"
            keys.add(key)
    return len(body)


@pytest.fixture
def populated(make_problem, make_user, official):
    visible = make_problem(title="Movilidad en la vía a Usme", anonymous=True)
    make_problem(title="Con punto", latitude=4.52, longitude=-74.12, upz=None)
    make_problem(title="Borrador", publish=False)
    problem_support_set(user=make_user("citizen"), problem=visible, supported=True)
    problem_answer(actor=official, problem=visible, body="Respuesta oficial")
    return visible


def test_every_dataset_validates_against_its_datapackage_schema(populated):
    export = opendata_export()
    package = json.loads(default_storage.open(f"{FOLDER}/datapackage.json").read())
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["path"] for r in package["resources"]} == {f"descargas/{d.name}.csv" for d in registry.datasets()}
    counts = {_name(r): _validate(r) for r in package["resources"]}
    assert counts == export.row_counts
    assert counts["problems"] == 2  # the draft is never exported
    assert counts["problem_answers"] == 1 and counts["problem_supports"] == 1
    for resource in package["resources"]:
        for f in resource["schema"]["fields"]:
            assert f["description"] and f["type"] in registry.FIELD_TYPES
        records = json.loads(default_storage.open(f"{FOLDER}/{_name(resource)}.json").read())
        assert len(records) == counts[_name(resource)]


def test_no_personal_data_column_in_any_dataset():
    columns = {d.name: [f.name for f in d.fields] for d in registry.datasets()}
    assert columns["problems"]  # the list really is checked
    for name, fields in columns.items():
        assert not PERSONAL & set(fields), f"{name} exports personal data: {PERSONAL & set(fields)}"


def test_anonymous_author_never_appears_in_any_file(populated):
    opendata_export()
    author = populated.author
    for dataset in registry.datasets():
        for ext in ("csv", "json"):
            text = default_storage.open(f"{FOLDER}/{dataset.name}.{ext}").read().decode()
            assert author.email not in text and author.public_name not in text


def test_downloads_and_nightly_task(client, populated):
    assert opendata_export_nightly()["problems"] == 2
    response = client.get(reverse("opendata:download", args=["problems", "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert b"Movilidad en la v" in b"".join(response.streaming_content)
    assert client.get(reverse("opendata:download", args=["problems", "json"])).status_code == 200
    assert client.get(reverse("opendata:download", args=["nada", "csv"])).status_code == 404
    assert client.get(reverse("opendata:download", args=["problems", "xls"])).status_code == 404
    assert client.get(reverse("opendata:datapackage")).status_code == 200


def test_beat_schedule_runs_the_export_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["opendata-export-nightly"]
    assert entry["task"] == "innova.opendata.tasks.opendata_export_nightly"


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("citizen", 403), ("official", 403), ("facilitator", 302), ("administrator", 302)],
)
def test_export_on_demand_only_for_staff(client, request, role, expected):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.post(reverse("opendata:export_now"))
    assert response.status_code == expected
    exported = default_storage.exists(f"{FOLDER}/datapackage.json")
    assert exported == (role in ("facilitator", "administrator"))
