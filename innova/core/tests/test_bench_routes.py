"""`/bench/hello`, the benchmarks' ceiling view, exists only where the environment asks for it."""

import os

import pytest

from tests.test_deploy import settings_in_a_fresh_process

# The view a fresh process resolves `/bench/hello` to (``None`` when it does not resolve).
_RESOLVED = (
    "getattr(__import__('django.urls', fromlist=['resolve']).resolve('/bench/hello').func, '__name__', None)"
    " if s.INNOVA_BENCH_ROUTES else None"
)


@pytest.mark.django_db
def test_the_bench_route_is_absent_by_default(client, settings):
    assert settings.INNOVA_BENCH_ROUTES is False
    assert client.get("/bench/hello").status_code == 404


def test_the_bench_route_is_served_when_the_environment_turns_it_on():
    env = {k: v for k, v in os.environ.items() if k != "INNOVA_BENCH_ROUTES"}
    assert settings_in_a_fresh_process({**env, "INNOVA_BENCH_ROUTES": "1"}, _RESOLVED) == "hello"
    assert settings_in_a_fresh_process(env, _RESOLVED) is None
