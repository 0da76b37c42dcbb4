"""Numbers past any database integer, in every API path and query parameter and in the web's paged lists: a clear
4xx, never a server error (SQLite overflows a Python int, PostgreSQL refuses a value past bigint)."""

import json

import pytest

pytestmark = pytest.mark.django_db

PAST_BIGINT = str(2**70)


def test_every_api_get_refuses_huge_numbers_without_a_server_error(client, no_throttle, make_problem):
    make_problem(title="Movilidad en la vía a Usme")
    schema = json.loads(client.get("/api/v1/schema/").content)
    tried, server_errors = 0, []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        url = path.replace("{id}", PAST_BIGINT)
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        for query in ["", *(f"?{name}={sign}{PAST_BIGINT}" for name in names for sign in ("", "-"))]:
            tried += 1
            response = client.get(url + query)
            if response.status_code >= 500:
                server_errors.append(f"{url}{query}: {response.status_code}")
    assert tried > 20
    assert not server_errors, "\n".join(server_errors)


@pytest.mark.parametrize(
    "url",
    [
        f"/problemas/{PAST_BIGINT}/",
        f"/problemas/?pagina={PAST_BIGINT}",
        f"/propuestas/?pagina={PAST_BIGINT}",
        f"/buscar/?q=movilidad&upz={PAST_BIGINT}",
        f"/frentes/?pagina={PAST_BIGINT}",
    ],
)
def test_web_pages_answer_huge_numbers_without_a_server_error(client, make_problem, url):
    make_problem(title="Movilidad en la vía a Usme")
    assert client.get(url).status_code in (200, 404)
