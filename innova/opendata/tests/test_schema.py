"""The OpenAPI schema is valid, and the API keeps to it under generated requests (schemathesis)."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # drf-spectacular's OpenAPI 3 JSON-schema validation
    validate_schema(SchemaGenerator().get_schema(request=None, public=True))
    assert {"/api/v1/problems/", "/api/v1/problems/{id}/", "/api/v1/problems/{id}/support/"} <= set(schema["paths"])


def test_schema_never_describes_personal_fields(client):
    text = client.get("/api/v1/schema/").content.decode()
    for word in ("email", "phone", "author_id", "display_name", "first_name", "last_name", "client_key"):
        assert f'"{word}"' not in text


@pytest.fixture
def api_schema(db, no_throttle, make_problem):
    make_problem(title="Movilidad en la vía a Usme")
    # Called in-process, the WSGI handler would close the test's database connection at each request's start and
    # end (harmless on in-memory SQLite, fatal on PostgreSQL); Django's test client switches this off the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_schemathesis_no_server_errors_no_schema_violations(api_schema):
    """Bounded run (a few examples per operation): every response is a non-5xx that matches the schema."""
    failures, calls = [], []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            calls.append(response.status_code)
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code}"
            case.validate_response(response, checks=[content_type_conformance, response_schema_conformance])

        try:
            run()
        except Exception as error:  # noqa: BLE001 - collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n".join(failures)
    assert len(calls) >= 5 and 200 in calls
