from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm
from innova.core.ratelimit import rate_limit, rate_limit_user
from innova.core.resilience import task_enqueue_later
from innova.core.services import audit_record
from innova.debates.models import Debate

from . import polis
from .models import STATEMENT_MAX_LENGTH, MapResult, Participant, Statement, StatementStatus, Vote, VoteValue

#: Seconds a burst of votes waits before the map is recomputed once for all of them.
RECOMPUTE_DEBOUNCE = getattr(settings, "INNOVA_OPINION_MAP_DEBOUNCE_SECONDS", 30)


def _recompute_lock_key(debate_id: int) -> str:
    return f"opinions:recompute-scheduled:{debate_id}"


def participant_get_or_create(*, debate, user, anonymous_key: str | None = None) -> Participant:
    """The participant of ``user`` (or of the anonymous browser ``anonymous_key``) in ``debate``."""
    require_perm(user, "opinions.participate", debate)
    if user.is_authenticated:
        lookup = {"debate": debate, "user": user}
    elif anonymous_key:
        lookup = {"debate": debate, "anonymous_key": anonymous_key}
    else:
        raise ValidationError(_("Your browser did not keep the participation key; allow cookies and try again."))
    participant = Participant.objects.filter(**lookup).first()
    if participant is not None:
        return participant
    try:
        with transaction.atomic():
            return Participant.objects.create(**lookup)
    except IntegrityError:  # the same person in two tabs at once
        return Participant.objects.get(**lookup)


def participant_find(*, debate, user, anonymous_key: str | None = None) -> Participant | None:
    if user.is_authenticated:
        return Participant.objects.filter(debate=debate, user=user).first()
    if anonymous_key:
        return Participant.objects.filter(debate=debate, anonymous_key=anonymous_key).first()
    return None


@transaction.atomic
def statement_submit(*, user, debate, text: str, participant: Participant | None = None) -> Statement:
    """Propose a statement. A participant's waits for review; a facilitator's (seeded) is approved at once."""
    require_perm(user, "opinions.participate", debate)
    text = " ".join(text.split())
    if not text:
        raise ValidationError(_("Write the statement."))
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(_("A statement has at most 140 characters."))
    if Statement.objects.filter(debate=debate, text__iexact=text).exclude(status=StatementStatus.REJECTED).exists():
        raise ValidationError(_("That statement is already in this debate."))
    # A statement is a short comment: it shares the person's "comment" limit (a browser's, without an account).
    if user.is_authenticated:
        rate_limit_user("comment", user)
    elif participant is not None:
        rate_limit("comment", f"participant:{participant.pk}")
    moderator = user.has_perm("opinions.moderate_statement", debate)
    now = timezone.now()
    return Statement.objects.create(
        debate=debate,
        text=text,
        author=user if user.is_authenticated else None,
        participant=participant,
        status=StatementStatus.APPROVED if moderator else StatementStatus.PENDING,
        moderated_by=user if moderator else None,
        moderated_at=now if moderator else None,
    )


@transaction.atomic
def statement_moderate(*, actor, statement: Statement, approve: bool) -> Statement:
    require_perm(actor, "opinions.moderate_statement", statement.debate)
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    statement.status = StatementStatus.APPROVED if approve else StatementStatus.REJECTED
    statement.moderated_by = actor
    statement.moderated_at = timezone.now()
    statement.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit_record(actor=actor, action=f"opinions.statement_{statement.status}", target=statement)
    if statement.votes.exists():  # rejecting a statement people voted on changes the map
        transaction.on_commit(lambda: opinion_map_schedule(debate_id=statement.debate_id))
    return statement


def vote_cast(*, user, participant: Participant, statement: Statement, value: int, recompute: bool = True) -> Vote:
    """Vote on a statement, or change one's vote (one vote per participant and statement: the row is updated)."""
    require_perm(user, "opinions.participate", participant.debate)
    if value not in VoteValue.values:
        raise ValidationError(_("Choose agree, disagree or pass."))
    if (
        statement.debate_id != participant.debate_id
        or statement.status != StatementStatus.APPROVED
        or statement.hidden_at
    ):
        raise ValidationError(_("This statement cannot be voted on."))
    with transaction.atomic():
        vote, _created = Vote.objects.update_or_create(
            participant=participant, statement=statement, defaults={"value": value}
        )
        if recompute:
            transaction.on_commit(lambda: opinion_map_schedule(debate_id=participant.debate_id))
    return vote


def opinion_map_schedule(*, debate_id: int) -> None:
    """Debounce: the first vote of a burst schedules one recomputation ``RECOMPUTE_DEBOUNCE`` seconds later;
    the votes that follow find the key and add nothing. The task frees the key when it starts, so votes cast
    during a computation schedule the next one. (With ``CELERY_TASK_ALWAYS_EAGER`` the task runs at once.)"""
    # Import cycle: tasks.py imports this module at load to call it; the task is looked up when it is queued.
    from .tasks import opinion_map_recompute_task

    if cache.add(_recompute_lock_key(debate_id), 1, timeout=RECOMPUTE_DEBOUNCE * 4):
        task_enqueue_later(opinion_map_recompute_task, debate_id, countdown=RECOMPUTE_DEBOUNCE)


def opinion_map_recompute(*, debate) -> MapResult:
    """Run the analysis on the debate's votes and store what the map page draws. Called by the Celery task."""

    # Heavy (NumPy, SciPy): loaded only by the worker that computes a map.
    from .mapping import map_compute

    cache.delete(_recompute_lock_key(debate.pk))
    with transaction.atomic():
        # One computation per debate at a time (a row lock on PostgreSQL), each starting from the last one's state.
        Debate.objects.select_for_update().filter(pk=debate.pk).first()
        previous = MapResult.objects.filter(debate=debate).first()
        data, state, vote_count = map_compute(debate=debate, previous_state=previous.state if previous else None)
        result, _created = MapResult.objects.update_or_create(
            debate=debate,
            defaults={"computed_at": timezone.now(), "vote_count_at": vote_count, "data": data, "state": state},
        )
    return result


def opinions_erase_user(user) -> None:
    """Account deletion: the person's participations and votes go; statements stay, without author."""
    Participant.objects.filter(user=user).delete()
    Statement.objects.filter(author=user).update(author=None)


@transaction.atomic
def opinion_import_polis(*, actor, debate, comments_text: str, votes_text: str) -> dict:
    """Import a Pol.is conversation (its export CSVs) into an empty debate, then schedule the map."""
    require_perm(actor, "opinions.import_polis", debate)
    if Statement.objects.filter(debate=debate).exists() or Participant.objects.filter(debate=debate).exists():
        raise ValidationError(_("This debate already has statements or votes: import into a new debate."))
    comments, participants = polis.parse(comments_text, votes_text)
    if not comments:
        raise ValidationError(_("comments.csv has no comments."))
    created_participants = Participant.objects.bulk_create(
        [Participant(debate=debate, anonymous_key=f"polis:{pid}") for pid, _cells in participants]
    )
    participant_of = {pid: p for (pid, _cells), p in zip(participants, created_participants, strict=True)}
    now = timezone.now()
    statements = Statement.objects.bulk_create(
        [
            Statement(
                debate=debate,
                text=comment["body"][:1000],
                participant=participant_of.get(comment["author"]),
                status=StatementStatus.REJECTED if comment["moderated"] == -1 else StatementStatus.APPROVED,
                moderated_by=actor,
                moderated_at=now,
            )
            for comment in comments
        ]
    )
    statement_of = {comment["id"]: s for comment, s in zip(comments, statements, strict=True)}
    votes = [
        Vote(participant=participant_of[pid], statement=statement_of[cid], value=value)
        for pid, cells in participants
        for cid, value in cells.items()
    ]
    Vote.objects.bulk_create(votes, batch_size=2000)
    audit_record(actor=actor, action="opinions.polis_imported", target=debate, data={"votes": len(votes)})
    transaction.on_commit(lambda: opinion_map_schedule(debate_id=debate.pk))
    return {"statements": len(statements), "participants": len(created_participants), "votes": len(votes)}
