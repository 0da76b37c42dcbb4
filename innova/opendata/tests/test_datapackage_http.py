"""The data package loads as published: a real Frictionless validator reads /datos/datapackage.json from a running
server and follows every resource path over HTTP (issue #19: the paths pointed at /datos/problems.csv, a 404)."""

import urllib.request
from urllib.parse import urljoin

import frictionless
import pytest

from innova.problems.services import problem_answer, problem_support_set

pytestmark = pytest.mark.django_db(transaction=True)


def test_published_datapackage_validates_over_http(live_server, make_problem, make_user, official):
    problem = make_problem(title="Basuras en la quebrada Yomasa", anonymous=True)
    make_problem(title="Parque sin luz", latitude=4.52, longitude=-74.12, upz=None)
    problem_support_set(user=make_user("citizen"), problem=problem, supported=True)
    problem_answer(actor=official, problem=problem, body="La UAESP recogerá los residuos el lunes.")
    url = live_server.url + "/datos/datapackage.json"

    package = frictionless.Package(url)
    assert package.resources, "the package lists no resource"
    for resource in package.resources:
        # Each path resolves, relative to the descriptor's URL, to a file the server really serves.
        with urllib.request.urlopen(urljoin(url, resource.path)) as response:  # noqa: S310 - the live test server
            assert response.status == 200, resource.path
            assert response.headers["Content-Type"].startswith("text/csv")

    report = frictionless.validate(url)
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["problems"] == 2 and rows["problem-answers"] == 1 and rows["problem-supports"] == 1
