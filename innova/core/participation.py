"""Mechanisms shared by everything people can support, search and get answered (problems, proposals…).

- ``support_set``: one support per person and object, decided by a unique constraint, the counter moved with
  ``F()`` only when a row really changed — safe under concurrent clicks.
- ``answer_threshold_check`` + ``add_working_days``: reaching the support threshold starts the clock for an
  official answer, due in working days.
- ``text_search`` and ``similar_rank``: Spanish search and "is it one of these?" hints over the ``search_text`` /
  ``search_stems`` columns that every searchable model keeps (filled by ``search_fields``), built on core.text.
"""

import datetime
import functools
import zoneinfo
from collections.abc import Callable

import holidays
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from . import notify
from .ratelimit import rate_limit_user
from .services import audit_record
from .text import fold, similarity, stems, stems_document

# Deadlines owed to residents of Usme run on Bogotá's calendar, whatever the server's clock says.
BOGOTA = zoneinfo.ZoneInfo("America/Bogota")


@functools.lru_cache(maxsize=16)
def _colombian_holidays(year: int) -> frozenset[datetime.date]:
    """Colombia's national holidays in ``year`` (with the Ley Emiliani Monday moves and Easter-based days)."""
    return frozenset(holidays.country_holidays("CO", years=year))


def working_day_is(day: datetime.date) -> bool:
    """Monday to Friday and not a Colombian national holiday."""
    return day.weekday() < 5 and day not in _colombian_holidays(day.year)


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """``days`` working days after ``start``, same time of day, counted on Bogotá's calendar (see working_day_is)."""
    current = start.astimezone(BOGOTA) if timezone.is_aware(start) else start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if working_day_is(current.date()):
            remaining -= 1
    return current


def answer_threshold_check(*, model, pk: int, threshold: int, working_days: int) -> None:
    """Set ``answer_due_at`` once ``support_count`` reaches ``threshold`` (and no answer exists yet)."""
    due = add_working_days(timezone.now(), working_days)
    model.objects.filter(
        pk=pk, support_count__gte=threshold, answer_due_at__isnull=True, answered_at__isnull=True
    ).update(answer_due_at=due)


def support_set(
    *, support_model, target_field: str, target, user, supported: bool, on_added: Callable[[], None] | None = None
) -> bool:
    """Add or withdraw ``user``'s support of ``target``; idempotent and concurrency-safe.

    ``support_model`` has a foreign key ``target_field`` to the target, a ``user`` and a unique constraint on both.
    ``on_added`` runs in the same transaction after a support really counted (threshold, following…).
    Every click counts against the person's ``support`` limit (core/ratelimit.py), on every channel.
    """
    rate_limit_user("support", user)
    model = type(target)
    with transaction.atomic():
        if supported:
            try:
                with transaction.atomic():
                    support_model.objects.create(**{target_field: target, "user": user})
            except IntegrityError:
                return True  # already supported: nothing changes
            model.objects.filter(pk=target.pk).update(support_count=F("support_count") + 1)
            if on_added is not None:
                on_added()
        else:
            deleted, _detail = support_model.objects.filter(**{target_field: target, "user": user}).delete()
            if deleted:
                model.objects.filter(pk=target.pk).update(support_count=F("support_count") - 1)
    return supported


def supports_erase(*, support_model, target_field: str, user) -> None:
    """Account deletion: remove a person's supports, each counter going down by one."""
    target_model = support_model._meta.get_field(target_field).related_model
    column = f"{target_field}_id"
    for target_id in list(support_model.objects.filter(user=user).values_list(column, flat=True)):
        support_model.objects.filter(user=user, **{column: target_id}).delete()
        target_model.objects.filter(pk=target_id).update(support_count=F("support_count") - 1)


def search_fields(*parts: str) -> dict:
    """The values of ``search_text`` and ``search_stems`` for a searchable object made of these texts."""
    text = " ".join(parts)
    return {"search_text": fold(text), "search_stems": stems_document(text)}


def text_search(queryset: QuerySet, q: str) -> QuerySet:
    """Spanish word search: full-text with the Spanish stemmer on PostgreSQL, stems on SQLite.

    On PostgreSQL it matches the table's generated ``search_vector`` column (``core.search_index``).

    Both match accent-insensitively ("arboles" finds "árboles") and across forms ("inseguridad" finds "inseguro").
    """
    query_stems = stems(q)
    if not query_stems:
        return queryset
    if connection.vendor == "postgresql":
        table = queryset.model._meta.db_table
        # The table name comes from the model, never from input; the words are a bound parameter.
        return queryset.extra(  # noqa: S610  # nosec B610
            where=[f"{table}.search_vector @@ plainto_tsquery('spanish'::regconfig, %s)"],
            params=[fold(q)],
        )
    for stem in query_stems:
        queryset = queryset.filter(search_stems__contains=f" {stem}")
    return queryset


def similar_rank(*, candidates: QuerySet, title: str, description: str = "", limit: int = 5) -> list:
    """Objects of ``candidates`` that look like the text being typed, best first (Dice overlap of stems)."""
    query = set(stems(f"{title} {title} {description}"))
    if not query:
        return []
    # Prefilter in the database on the most distinctive stems, then rank in Python.
    distinctive = sorted(query, key=len, reverse=True)[:6]
    condition = Q()
    for stem in distinctive:
        condition |= Q(search_stems__contains=f" {stem} ")
    scored = []
    for item in candidates.filter(condition).order_by("-support_count")[:300]:
        score = similarity(query, set(item.search_stems.split()))
        if score >= 0.2:
            scored.append((score, item))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].support_count))
    return [item for _score, item in scored[:limit]]


def status_change_record(
    *, history, target, previous: str, to_status: str, actor, reason: str, audit_action: str, notification_kind: str
) -> None:
    """After a workflow step: the public history row, the audit entry and, on commit, the followers' notification.

    ``history`` is the related manager of the target's history (``problem.status_changes``).
    """

    change = history.create(from_status=previous, to_status=to_status, actor=actor, reason=reason.strip())
    data = {"from": previous, "to": to_status}
    audit_record(actor=actor, action=audit_action, target=target, reason=reason, data=data)
    transaction.on_commit(
        lambda: notify.emit(
            kind=notification_kind,
            recipients=notify.followers_of(target),
            target=target,
            actor=actor,
            dedupe_key=f"{notification_kind}:{change.pk}",  # each step reaches each person once
        )
    )
