import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm
from innova.core.services import audit_record
from innova.notifications.services.emit import notification_emit

from .models import ACTIVE_STATUSES, TRANSITIONS, Difficulty, DifficultyKind, DifficultyStatus

FIELDS = ["title", "description", "kind", "likelihood", "impact", "owner", "mitigation", "review_date"]


def _check(difficulty: Difficulty) -> None:
    if difficulty.front_id is None and difficulty.proposal_id is None:
        raise ValidationError(_("A difficulty belongs to a work front or a proposal."))
    if not difficulty.title.strip() or not difficulty.description.strip():
        raise ValidationError(_("Write the difficulty and describe it."))
    if difficulty.kind not in DifficultyKind.values:
        raise ValidationError(_("Choose the type of difficulty."))
    for value in (difficulty.likelihood, difficulty.impact):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(_("Likelihood and impact go from 1 to 5."))


@transaction.atomic
def difficulty_create(*, actor, front=None, proposal=None, **data) -> Difficulty:
    difficulty = Difficulty(
        front=front, proposal=proposal, created_by=actor, **{k: data[k] for k in data if k in FIELDS}
    )
    require_perm(actor, "difficulties.add_difficulty", difficulty)
    _check(difficulty)
    difficulty.save()
    audit_record(actor=actor, action="difficulties.created", target=difficulty)
    return difficulty


@transaction.atomic
def difficulty_update(*, actor, difficulty: Difficulty, **data) -> Difficulty:
    require_perm(actor, "difficulties.manage_difficulty", difficulty)
    for key, value in data.items():
        if key in FIELDS:
            setattr(difficulty, key, value)
    _check(difficulty)
    if "review_date" in data:
        difficulty.review_notified_for = None  # a new review date may be notified again when it passes
    difficulty.save()
    return difficulty


@transaction.atomic
def difficulty_change_status(*, actor, difficulty: Difficulty, to_status: str, reason: str = "") -> Difficulty:
    """One step in order (abierta → en mitigación → resuelta | aceptada), kept in the public history."""
    difficulty = Difficulty.objects.select_for_update().get(pk=difficulty.pk)
    require_perm(actor, "difficulties.manage_difficulty", difficulty)
    if to_status not in TRANSITIONS.get(difficulty.status, []):
        raise ValidationError(_("This step is not possible from the current status."))
    if to_status == DifficultyStatus.ACCEPTED and not reason.strip():
        raise ValidationError(_("Explain why the difficulty is accepted without solving it."))
    previous = difficulty.status
    difficulty.status = to_status
    difficulty.save(update_fields=["status", "updated_at"])
    difficulty.status_changes.create(from_status=previous, to_status=to_status, actor=actor, reason=reason.strip())
    audit_record(
        actor=actor, action="difficulties.status_changed", target=difficulty, reason=reason, data={"to": to_status}
    )
    return difficulty


def difficulty_reviews_due_notify(*, today: datetime.date | None = None) -> int:
    """Tell each owner once per overdue review date; returns how many owners were told."""

    today = today or timezone.localdate()
    told = 0
    overdue = Difficulty.objects.filter(
        status__in=ACTIVE_STATUSES, review_date__lt=today, owner__isnull=False
    ).select_related("owner")
    for difficulty in overdue.iterator():
        if difficulty.review_notified_for == difficulty.review_date:
            continue
        with transaction.atomic():
            updated = (
                Difficulty.objects.filter(pk=difficulty.pk)
                .exclude(review_notified_for=difficulty.review_date)
                .update(review_notified_for=difficulty.review_date)
            )
            if not updated:  # another worker got there first
                continue
            notification_emit(
                kind="difficulty_review_due",
                recipients=[difficulty.owner],
                target=difficulty,
                dedupe_key=f"difficulty_review_due:{difficulty.pk}:{difficulty.review_date.isoformat()}",
            )
            told += 1
    return told


def difficulties_erase_user(user) -> None:
    """Account deletion: the difficulties stay (they belong to the front or proposal), without the owner."""
    Difficulty.objects.filter(owner=user).update(owner=None)
