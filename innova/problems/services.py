from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.accounts.models import User
from innova.core.participation import add_working_days as add_working_days  # re-exported for callers
from innova.core.participation import (
    answer_threshold_check,
    search_fields,
    status_change_record,
    support_set,
    supports_erase,
)
from innova.core.permissions import require_perm
from innova.core.ratelimit import rate_limit_user
from innova.core.services import audit_record
from innova.notifications.services.emit import notification_emit
from innova.notifications.services.follows import follow_set, followers_of
from innova.territory.selectors import upz_for_point
from innova.territory.validators import validate_point_in_usme

from .models import (
    REASON_REQUIRED,
    TRANSITIONS,
    OfficialAnswer,
    Problem,
    ProblemPhoto,
    Status,
    StatusChange,
    Support,
    Theme,
)
from .photos import photo_process
from .themes import THEMES

MAX_PHOTOS = 4


def themes_load() -> None:
    """The themes the initial migration loads; idempotent (``core.baseline``: tests that flush the database)."""
    for order, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def _search_fields(title: str, description: str) -> dict:
    return search_fields(title, description)


@transaction.atomic
def problem_report(
    *,
    author,
    title: str,
    description: str,
    theme,
    upz=None,
    latitude: float | None = None,
    longitude: float | None = None,
    place_description: str = "",
    anonymous: bool = False,
    photos: list[tuple] = (),
    publish: bool = True,
    channel: str = "web",
    client_key=None,
) -> Problem:
    """Report a problem. With ``publish=False`` it stays a draft the author reviews against similar problems.

    ``client_key`` (from the offline web app) makes the call idempotent: the same key returns the same problem.
    """
    require_perm(author, "problems.report_problem")
    if client_key is not None:
        existing = Problem.objects.filter(client_key=client_key, author=author).first()
        if existing is not None:
            return existing
    # Before the photos are decoded: a flood must not cost the server anything (web, API, SMS, WhatsApp alike).
    rate_limit_user("report", author)
    validate_point_in_usme(latitude, longitude)
    upz = _upz_of_report(upz, latitude, longitude)
    processed = _photos_processed(photos)
    now = timezone.now()
    problem = Problem.objects.create(
        title=title.strip(),
        description=description.strip(),
        theme=theme,
        upz=upz,
        latitude=latitude,
        longitude=longitude,
        place_description=place_description.strip(),
        author=author,
        anonymous=anonymous,
        author_role_label=author.role_label,
        channel=channel,
        client_key=client_key,
        published_at=now if publish else None,
        **_search_fields(title, description),
    )
    _photos_attach(problem, processed, default_alt=title[:200])
    StatusChange.objects.create(problem=problem, to_status=Status.REPORTED, actor=author)
    follow_set(user=author, target=problem, following=True)
    return problem


def _upz_of_report(upz, latitude: float | None, longitude: float | None):
    """The UPZ chosen, else the one the point falls in; a report always has one."""
    if upz is None and latitude is not None:
        upz = upz_for_point(lat=latitude, lon=longitude)
    if upz is None:
        raise ValidationError({"upz": _("Choose the UPZ or the rural zone where the problem is.")})
    return upz


def _photos_processed(photos) -> list[tuple]:
    """Up to ``MAX_PHOTOS`` uploads, decoded and stripped of their metadata, each with its description."""
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": _("You can attach up to 4 photos.")})
    try:
        return [(photo_process(upload), alt) for upload, alt in photos]
    except ValidationError as refused:  # the form shows it next to the photos, the API and channels as a message
        raise ValidationError({"photos": refused.error_list}) from refused


def _photos_attach(problem: Problem, processed: list[tuple], *, default_alt: str) -> None:
    """The processed photos, in order; one without a description gets ``default_alt`` (the title)."""
    for order, (photo, alt) in enumerate(processed):
        ProblemPhoto.objects.create(
            problem=problem,
            image=photo.image,
            thumbnail=photo.thumbnail,
            alt_text=alt.strip() or default_alt,
            width=photo.width,
            height=photo.height,
            order=order,
        )


@transaction.atomic
def problem_publish_draft(*, user, problem: Problem) -> Problem:
    require_perm(user, "problems.publish_draft", problem)
    if problem.published_at is None:
        problem.published_at = timezone.now()
        problem.save(update_fields=["published_at"])
    return problem


@transaction.atomic
def problem_discard_draft(*, user, problem: Problem) -> None:
    require_perm(user, "problems.publish_draft", problem)
    if problem.published_at is None:
        problem.delete()


def _answer_threshold_check(problem_id: int) -> None:
    """Reaching the support threshold starts the clock for an official answer."""
    answer_threshold_check(
        model=Problem,
        pk=problem_id,
        threshold=settings.INNOVA_PROBLEM_SUPPORT_THRESHOLD,
        working_days=settings.INNOVA_ANSWER_DEADLINE_WORKING_DAYS,
    )


def problem_support_set(*, user, problem: Problem, supported: bool) -> bool:
    """Support ("A mí también me afecta") or withdraw it. Idempotent and safe under concurrent clicks:
    the unique constraint decides, and the counter moves in the database only when a row really changed."""
    require_perm(user, "problems.support_problem", problem)

    def added():
        _answer_threshold_check(problem.pk)
        follow_set(user=user, target=problem, following=True)

    return support_set(
        support_model=Support, target_field="problem", target=problem, user=user, supported=supported, on_added=added
    )


def problem_follow_set(*, user, problem: Problem, following: bool) -> bool:
    require_perm(user, "problems.follow_problem", problem)
    return follow_set(user=user, target=problem, following=following)


@transaction.atomic
def problem_change_status(*, actor, problem: Problem, to_status: str, reason: str = "", duplicate_of=None) -> Problem:
    require_perm(actor, "problems.change_status", problem)
    problem = Problem.objects.select_for_update().get(pk=problem.pk)
    if to_status not in TRANSITIONS.get(problem.status, ()):
        raise ValidationError(
            _("A problem cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(problem.status).label, "to": Status(to_status).label}
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise ValidationError(_("Write the reason for this change; it is shown in public."))
    if to_status == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == problem.pk or duplicate_of.status == Status.DUPLICATE:
            raise ValidationError(_("Choose the original problem this one duplicates."))
        _merge_supports(duplicate=problem, original=duplicate_of)
        problem.duplicate_of = duplicate_of
    previous = problem.status
    problem.status = to_status
    problem.save(update_fields=["status", "duplicate_of", "updated_at"])
    status_change_record(
        history=problem.status_changes,
        target=problem,
        previous=previous,
        to_status=to_status,
        actor=actor,
        reason=reason,
        audit_action="problems.status_changed",
        notification_kind="problem_status_changed",
    )
    return problem


def _merge_supports(*, duplicate: Problem, original: Problem) -> None:
    """Move the duplicate's supporters to the original; someone who supported both counts once."""
    already = Support.objects.filter(problem=original).values("user_id")
    movers = list(
        Support.objects.filter(problem=duplicate).exclude(user_id__in=already).values_list("user_id", flat=True)
    )
    Support.objects.bulk_create(
        [Support(problem=original, user_id=user_id) for user_id in movers], ignore_conflicts=True
    )
    original.support_count = Support.objects.filter(problem=original).count()
    original.save(update_fields=["support_count"])
    _answer_threshold_check(original.pk)
    for user_id in movers:
        follow_set(user=User(pk=user_id), target=original, following=True)


@transaction.atomic
def problem_answer(*, actor, problem: Problem, body: str) -> OfficialAnswer:
    require_perm(actor, "problems.answer_problem", problem)
    if not body.strip():
        raise ValidationError(_("Write the answer before publishing it."))
    answer = OfficialAnswer.objects.create(
        problem=problem, author=actor, author_role_label=actor.role_label, body=body.strip()
    )
    Problem.objects.filter(pk=problem.pk).update(answered_at=answer.created_at)
    audit_record(actor=actor, action="problems.answered", target=problem)
    transaction.on_commit(
        lambda: notification_emit(
            kind="problem_answered",
            recipients=followers_of(problem),
            target=problem,
            actor=actor,
            dedupe_key=f"problem_answer:{answer.pk}",
        )
    )
    return answer


def problems_erase_user(user) -> None:
    """Account deletion: problems stay public; their author is the anonymised account. Supports are removed."""
    supports_erase(support_model=Support, target_field="problem", user=user)
    Problem.objects.filter(author=user).update(author_role_label="")
