"""Production shape: `check --deploy` is clean with production variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "innova.usme.gov.co",
    "SITE_URL": "https://innova.usme.gov.co",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def test_check_deploy_is_clean_with_production_variables():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | PRODUCTION_ENV
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_needs_no_variables():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"}}
    seen = settings_in_a_fresh_process(
        env,
        "[s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'],"
        " s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND]",
    )
    assert seen == [
        "django.db.backends.sqlite3",
        "channels.layers.InMemoryChannelLayer",
        True,
        "django.core.mail.backends.console.EmailBackend",
    ]


def settings_in_a_fresh_process(env: dict, expression: str):
    """``expression`` over the settings (``s``) as a fresh process sees them with ``env``, read back as JSON (the
    settings read the environment once, at import: this test process cannot show another environment's)."""
    code = (
        "import django, json, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'innova.settings'); django.setup();"
        f"from django.conf import settings as s; print(json.dumps({expression}))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)
