"""Keeping the site useful when the database or Redis is briefly gone.

- The database: a request that needs it answers 503 ("try again in a minute", ``core.views.server_error``)
  instead of a traceback; every write is one transaction, so nothing acknowledged is lost and nothing is
  half-written. Pooled connections are checked before use, so the site recovers by itself after a restart.
- Redis: the cache degrades to "miss" (``ResilientRedisCache``), rate limits fail open, background tasks are
  run in the request when the broker cannot take them (``task_enqueue_on_commit``), and live-board messages
  are dropped (clients catch up from the database when they reconnect).
"""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.db.utils import InterfaceError, OperationalError
from django.utils.functional import cached_property
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)


def _redis_errors() -> tuple[type[BaseException], ...]:
    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def channel_layer_errors() -> tuple[type[BaseException], ...]:
    """What the Redis channel layer raises while Redis is unreachable (refused, reset or timed out sockets)."""
    return (*_redis_errors(), OSError)


def _broker_errors() -> tuple[type[BaseException], ...]:
    return (KombuOperationalError, *_redis_errors(), ConnectionError, TimeoutError)


def is_dependency_outage(exc: BaseException | None) -> bool:
    """True for "cannot reach the database / Redis", as opposed to a bug in our code."""
    if exc is None:
        return False
    return isinstance(exc, (OperationalError, InterfaceError, *_driver_errors(), *_redis_errors()))


def _driver_errors() -> tuple[type[BaseException], ...]:
    """psycopg's own connection errors: closing a server-side cursor (``.iterator()``) of a dead connection raises
    them unwrapped from Django's ``cursor_iter``, which would otherwise turn an outage into a 500."""
    try:
        # Optional dependency: absent on SQLite-only installs.
        import psycopg
    except ImportError:  # SQLite-only installs
        return ()
    return (psycopg.OperationalError, psycopg.InterfaceError)


# One Redis client (and so one connection pool) per process and configuration: see ResilientRedisCache._cache.
_shared_clients: dict[tuple, object] = {}


class _OneRedisPerPool(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` for every cache call, and each one sets up its ~170 response
    callbacks: ~0.15 ms a call, three to twenty calls a page. A ``redis.Redis`` over a pool is thread-safe: keep one
    per pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(index, self._client(connection_pool=self._get_connection_pool(write)))
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, but an unreachable Redis is a cache miss (logged), never an error page, and one
    connection pool per process instead of one per request."""

    _last_warning = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneRedisPerPool

    @cached_property
    def _cache(self):
        # Django keeps its cache objects in a context-local (django.utils.connection): under ASGI every request runs
        # in a new context, so it built a new cache, a new client, a new pool and a new TCP connection to Redis on
        # each request, never reused — why turning Redis on made pages slower than local memory. redis-py's pools
        # are thread-safe and reset themselves after a fork: share one per process.
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = _shared_clients.get(key)
        if client is None:
            client = _shared_clients.setdefault(key, self._class(self._servers, **self._options))
        return client

    def _guard(self, operation, default):
        try:
            return operation()
        except _redis_errors() as exc:
            if time.monotonic() - ResilientRedisCache._last_warning > 30:  # one line per outage, not per call
                ResilientRedisCache._last_warning = time.monotonic()
                logger.warning("cache unavailable, degrading to misses: %s", exc)
            return default

    def get(self, key, default=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def set(self, key, value, timeout=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None)

    def set_many(self, data, timeout=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data))

    def add(self, key, value, timeout=None, version=None):
        # True keeps callers going: a rate limit counter "created" means "not over the limit" (fail open).
        return self._guard(lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), True)

    def incr(self, key, delta=1, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).incr(key, delta, version), delta)

    def delete(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def delete_many(self, keys, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def touch(self, key, timeout=None, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False)

    def has_key(self, key, version=None):
        return self._guard(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def clear(self):
        return self._guard(lambda: super(ResilientRedisCache, self).clear(), None)


def task_enqueue_later(task, *args, countdown: int) -> None:
    """``task.apply_async(countdown=…)``; if the broker is unreachable, run it here and now instead."""
    try:
        task.apply_async(args=list(args), countdown=countdown)
    except _broker_errors() as exc:
        logger.warning("broker unavailable, running %s in the request: %s", task.name, exc)
        task.apply(args=args)


def task_enqueue(task, *args, **kwargs) -> None:
    """Hand a Celery task to the broker; if the broker is unreachable, run it here and now instead.

    Used for work the person is waiting for (an SMS reply, an e-mail): slower is better than lost. Tasks are
    idempotent (they look up their rows again), so a task that the broker did take is never run twice by this.
    """
    try:
        task.delay(*args, **kwargs)
    except _broker_errors() as exc:
        logger.warning("broker unavailable, running %s in the request: %s", task.name, exc)
        task.apply(args=args, kwargs=kwargs)


def task_enqueue_on_commit(task, *args, **kwargs) -> None:
    transaction.on_commit(lambda: task_enqueue(task, *args, **kwargs))
