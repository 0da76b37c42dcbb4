"""Notifications at scale: `python -m bench.notifications [--followers 2000]`.

On a fresh SQLite file (or BENCH_DATABASE_URL), with e-mail to the in-memory backend and eager Celery: one event
to N followers (half of them with e-mail at once, half weekly), emitted twice with the same dedupe key; then the
weekly digest for everyone. Prints wall time and SQL queries for each step.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followers", type=int, default=2000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bench-notifications-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "innova.settings",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"),
            "REDIS_URL": "",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    call_command("compiletranslations", verbosity=0)
    mail.outbox = []

    from innova.accounts.models import User
    from innova.notifications.models import Frequency, Preference
    from innova.notifications.services.emit import notification_emit
    from innova.notifications.services.follows import follow_set, followers_of
    from innova.problems.models import Theme
    from innova.problems.services import problem_report
    from innova.territory.models import Upz

    author = User.objects.create_user(email="autora@bench.usme.co", password=None, display_name="Autora")
    problem = problem_report(
        author=author,
        title="Hueco en la vía",
        description="Bench",
        theme=Theme.objects.first(),
        upz=Upz.objects.first(),
    )
    people = User.objects.bulk_create(
        [User(email=f"vecino{n}@bench.usme.co", display_name=f"Vecino {n}") for n in range(args.followers)]
    )
    people = list(User.objects.filter(email__startswith="vecino"))
    for person in people:
        follow_set(user=person, target=problem, following=True)
    Preference.objects.bulk_create(
        [Preference(user=p, kind="problem_answered", email=Frequency.WEEKLY) for p in people[::2]]
    )
    official = User.objects.create_user(email="funcionaria@bench.usme.co", password=None, display_name="Funcionaria")

    def step(label, function):
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with transaction.atomic():
                result = function()
            elapsed = time.perf_counter() - started
        print(f"{label:<48} {elapsed * 1000:9.0f} ms {len(queries):7d} queries {len(mail.outbox):6d} e-mails")
        return result

    emit = lambda: notification_emit(  # noqa: E731
        kind="problem_answered",
        recipients=followers_of(problem),
        target=problem,
        actor=official,
        dedupe_key="bench:1",
    )
    print(f"followers: {len(people) + 1} (half e-mail at once, half weekly)")
    step("emit one event to every follower", emit)
    step("emit the same event again (dedupe)", emit)

    def digest():
        from innova.notifications.tasks import notification_digest_send

        return notification_digest_send.delay(Frequency.WEEKLY).get()

    step("weekly digest for everyone", digest)


if __name__ == "__main__":
    main()
