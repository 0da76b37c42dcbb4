"""A URLconf for the outage tests: views that fail the way an unreachable database or Redis makes them fail."""

import redis
from django.db.utils import OperationalError
from django.urls import path


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def driver_gone(request):
    # What closing a server-side cursor (a form's choices read with .iterator()) raises when PostgreSQL died.
    import psycopg

    raise psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly")


def redis_gone(request):
    raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def bug(request):
    raise ZeroDivisionError("a bug of ours")


urlpatterns = [path("db/", database_gone), path("driver/", driver_gone), path("redis/", redis_gone), path("bug/", bug)]
handler500 = "innova.core.views.server_error"
