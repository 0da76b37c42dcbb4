"""A URLconf for the outage tests: views that fail the way an unreachable database or Redis makes them fail."""

import redis
from django.db.utils import OperationalError
from django.urls import path


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def redis_gone(request):
    raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def bug(request):
    raise ZeroDivisionError("a bug of ours")


urlpatterns = [path("db/", database_gone), path("redis/", redis_gone), path("bug/", bug)]
handler500 = "innova.core.views.server_error"
