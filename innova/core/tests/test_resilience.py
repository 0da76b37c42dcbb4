"""The site stays useful while the database or Redis is briefly gone (see innova/core/resilience.py).

The end-to-end version (a real PostgreSQL restart and a real Redis stop under load) is `make faults`.
"""

import os

import pytest
from django.core.cache.backends.redis import RedisCache
from kombu.exceptions import OperationalError as BrokerUnavailable

from innova.core import ratelimit
from innova.core.resilience import ResilientRedisCache, task_enqueue, task_enqueue_later


@pytest.fixture
def failing_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls("innova.core.tests.outage_urls")
@pytest.mark.parametrize("path", ["/db/", "/driver/", "/redis/"])
def test_an_unreachable_database_or_redis_is_a_503_in_spanish_not_a_traceback(failing_client, path):
    response = failing_client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "no está disponible en este momento" in body
    assert "Traceback" not in body and "OperationalError" not in body and "127.0.0.1" not in body


@pytest.mark.urls("innova.core.tests.outage_urls")
def test_a_bug_is_still_a_500(failing_client):
    response = failing_client.get("/bug/")
    assert response.status_code == 500
    assert "Algo falló de nuestro lado" in response.content.decode()


@pytest.fixture
def cache_without_redis():
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    return ResilientRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})


def test_a_cache_without_redis_behaves_as_a_cache_that_forgot_everything(cache_without_redis):
    cache_without_redis.set("answer", 42)
    assert cache_without_redis.get("answer") is None
    assert cache_without_redis.get("answer", "default") == "default"
    assert cache_without_redis.get_many(["a", "b"]) == {}
    assert cache_without_redis.delete("answer") is False
    assert cache_without_redis.has_key("answer") is False


def test_the_plain_redis_cache_would_have_failed_the_request():
    # The reason ResilientRedisCache exists: Django's own backend raises.
    import redis

    plain = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with pytest.raises(redis.exceptions.ConnectionError):
        plain.get("answer")


def test_rate_limits_fail_open_without_redis(cache_without_redis, monkeypatch, settings):
    settings.INNOVA_RATE_LIMITS = {"comment": (1, 60)}
    monkeypatch.setattr(ratelimit, "cache", cache_without_redis)
    for _ in range(5):
        ratelimit.rate_limit("comment", "user:1")  # never raises RateLimited while the counters are unreachable


class RecordingTask:
    name = "tests.recording"

    def __init__(self, *, broker_up: bool):
        self.broker_up = broker_up
        self.queued, self.ran_here = [], []

    def delay(self, *args, **kwargs):
        if not self.broker_up:
            raise BrokerUnavailable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.queued.append(args)

    def apply(self, *, args, kwargs):
        self.ran_here.append(args)


def test_a_task_goes_to_the_broker_when_it_answers():
    task = RecordingTask(broker_up=True)
    task_enqueue(task, 7)
    assert task.queued == [(7,)] and task.ran_here == []


def test_a_task_runs_in_the_request_when_the_broker_is_down():
    task = RecordingTask(broker_up=False)
    task_enqueue(task, 7)
    assert task.queued == [] and task.ran_here == [(7,)]


class RecordingLaterTask:
    name = "tests.later"

    def __init__(self, *, broker_up: bool):
        self.broker_up, self.queued, self.ran_here = broker_up, [], []

    def apply_async(self, *, args, countdown):
        if not self.broker_up:
            raise BrokerUnavailable("connection refused")
        self.queued.append((args, countdown))

    def apply(self, *, args):
        self.ran_here.append(args)


@pytest.mark.parametrize("broker_up", [True, False])
def test_a_delayed_task_is_scheduled_or_run_in_the_request(broker_up):
    task = RecordingLaterTask(broker_up=broker_up)
    task_enqueue_later(task, 7, countdown=30)
    if broker_up:
        assert task.queued == [([7], 30)] and task.ran_here == []
    else:
        assert task.queued == [] and task.ran_here == [(7,)]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (REDIS_URL)")
def test_every_request_context_shares_one_redis_connection_pool():
    """Django builds a cache object per request context under ASGI; they must not each open a connection."""
    import contextvars

    import redis

    location = os.environ["REDIS_URL"]
    name = f"pool-check-{os.getpid()}"
    options = {"OPTIONS": {"socket_connect_timeout": 0.5, "client_name": name}}

    def one_request():
        cache = ResilientRedisCache(location, options)  # what each new context gets from django.core.cache.caches
        cache.set("pool-check", 1)
        return cache.get("pool-check")

    for _ in range(20):
        assert contextvars.copy_context().run(one_request) == 1
    clients = redis.Redis.from_url(location).client_list()
    assert len([client for client in clients if client.get("name") == name]) == 1
