"""Celery app. With REDIS_URL set it talks to Redis; otherwise tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")

app = Celery("innova")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
