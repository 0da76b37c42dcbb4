"""What the bench seed commands (`manage.py seed_bench*`) share: the synthetic people and fast bulk inserts.

Synthetic people have unusable passwords and e-mails under @bench.invalid (created by `seed_bench`).
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from innova.core.participation import add_working_days

BENCH_EMAIL_DOMAIN = "@bench.invalid"


def bench_user_ids() -> list[int]:
    return list(
        get_user_model().objects.filter(email__endswith=BENCH_EMAIL_DOMAIN).order_by("pk").values_list("pk", flat=True)
    )


def rows_copy(*, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` into ``table``: COPY on PostgreSQL, executemany elsewhere. Returns how many rows went in."""
    count = 0
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            rows = list(rows)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608  # nosec B608 - table and column names come from our seed commands, never from input
            count = len(rows)
    return count


def table_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  # nosec B608 - fixed table names of our seed commands
        return cursor.fetchone()[0]


def statistics_refresh(*tables: str, vacuum: bool = False) -> None:
    """Fresh planner statistics after a bulk load, or PostgreSQL plans against empty tables; ``vacuum`` also sets
    the visibility map, so aggregates over a freshly loaded table can use index-only scans."""
    if connection.vendor == "postgresql":
        # VACUUM cannot run inside a transaction (a test's, or a caller's atomic block): ANALYZE alone there.
        vacuum = vacuum and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute(f"{'VACUUM ' if vacuum else ''}ANALYZE {', '.join(tables)}")


def answer_deadlines_set(queryset, *, threshold: int) -> int:
    """Published rows past the support ``threshold`` get the answer deadline the support services would have given
    them (``INNOVA_ANSWER_DEADLINE_WORKING_DAYS`` working days, counted here from publication), so the staff's
    "awaiting an official answer" pages carry realistic work (the oldest are overdue). Only rows without one: a
    second run changes nothing. Returns how many rows got a deadline."""
    rows = list(
        queryset.filter(published_at__isnull=False, answer_due_at__isnull=True, support_count__gte=threshold).only(
            "pk", "published_at"
        )
    )
    for row in rows:
        row.answer_due_at = add_working_days(row.published_at, settings.INNOVA_ANSWER_DEADLINE_WORKING_DAYS)
    queryset.model.objects.bulk_update(rows, ["answer_due_at"], batch_size=1000)
    return len(rows)
