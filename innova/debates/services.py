from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.participation import search_fields, support_set, supports_erase
from innova.core.permissions import require_perm
from innova.core.services import audit_record
from innova.notifications.services.emit import notification_emit

from .models import (
    Argument,
    ArgumentSide,
    ArgumentSupport,
    Debate,
    DebateRequest,
    DebateRequestStatus,
    DebateStatus,
)

ARGUMENT_MAX_LENGTH = 1000


def _search_fields(debate: Debate) -> dict:
    """What the site search reads (core.participation.text_search): question, context and conclusion."""
    return search_fields(debate.title, debate.context, debate.conclusion)


def debate_search_update(*, debate: Debate) -> None:
    """Write the search columns again after the debate's texts changed outside these services (the admin)."""
    Debate.objects.filter(pk=debate.pk).update(**_search_fields(debate))


@transaction.atomic
def debate_create(
    *,
    author,
    title: str,
    context: str = "",
    front_id: int | None = None,
    has_opinion_map: bool = True,
    allow_anonymous_opinions: bool = False,
    problems=(),
) -> Debate:
    require_perm(author, "debates.create_debate")
    if not title.strip():
        raise ValidationError(_("Write the question of the debate."))
    debate = Debate.objects.create(
        title=title.strip(),
        context=context.strip(),
        created_by=author,
        front_id=front_id,
        has_opinion_map=has_opinion_map,
        allow_anonymous_opinions=allow_anonymous_opinions,
        **search_fields(title, context),
    )
    if problems:
        debate.problems.set(problems)
    return debate


@transaction.atomic
def debate_close(*, actor, debate: Debate, conclusion: str) -> Debate:
    """Close the debate: no more votes or statements; the conclusion is shown in public."""
    debate = Debate.objects.select_for_update().get(pk=debate.pk)
    require_perm(actor, "debates.close_debate", debate)  # the rule also refuses a debate already closed
    if not conclusion.strip():
        raise ValidationError(_("Write the conclusion of the debate; it is shown in public."))
    debate.status = DebateStatus.CLOSED
    debate.conclusion = conclusion.strip()
    debate.closed_at = timezone.now()
    fields = _search_fields(debate)
    debate.search_text, debate.search_stems = fields["search_text"], fields["search_stems"]
    debate.save(update_fields=["status", "conclusion", "closed_at", "search_text", "search_stems"])
    audit_record(actor=actor, action="debates.closed", target=debate, reason=debate.conclusion)
    return debate


@transaction.atomic
def argument_add(*, author, debate: Debate, side: str, body: str) -> Argument:
    """An argument for or against; the side is required and the text at most 1000 characters."""
    debate = Debate.objects.select_for_update().get(pk=debate.pk)
    if not debate.is_open:  # before the rule, to tell everyone why rather than refuse
        raise ValidationError(_("This debate is closed: it no longer takes arguments."))
    require_perm(author, "debates.add_argument", debate)
    if side not in ArgumentSide.values:
        raise ValidationError(_("Choose whether your argument is for or against."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your argument."))
    if len(body) > ARGUMENT_MAX_LENGTH:
        raise ValidationError(_("An argument has at most 1000 characters; make it shorter."))
    return Argument.objects.create(debate=debate, author=author, side=side, body=body)


def argument_support_set(*, user, argument: Argument, supported: bool) -> bool:
    """Support an argument or withdraw the support: one per person, concurrency-safe (core.participation)."""
    if not argument.debate.is_open:
        raise ValidationError(_("This debate is closed: its arguments can no longer be supported."))
    require_perm(user, "debates.support_argument", argument)
    return support_set(
        support_model=ArgumentSupport, target_field="argument", target=argument, user=user, supported=supported
    )


def argument_supports_erase(*, user) -> None:
    supports_erase(support_model=ArgumentSupport, target_field="argument", user=user)


@transaction.atomic
def debate_request_create(*, user, title: str, context: str = "") -> DebateRequest:
    require_perm(user, "debates.request_debate")
    if not title.strip():
        raise ValidationError(_("Write the question you want to debate."))
    return DebateRequest.objects.create(requested_by=user, title=title.strip(), context=context.strip())


def _notify_requester(request_obj: DebateRequest, actor) -> None:

    target = request_obj.debate or request_obj
    url = request_obj.debate.get_absolute_url() if request_obj.debate else ""
    transaction.on_commit(
        lambda: notification_emit(
            kind="debate_request_answered",
            recipients=[request_obj.requested_by],
            target=target,
            actor=actor,
            url=url,
            dedupe_key=f"debate_request:{request_obj.pk}",
        )
    )


@transaction.atomic
def debate_request_accept(*, actor, debate_request: DebateRequest, has_opinion_map: bool = False) -> Debate:
    """Open the requested debate (the facilitator becomes its opener) and tell the person who asked."""
    debate_request = DebateRequest.objects.select_for_update().get(pk=debate_request.pk)
    require_perm(actor, "debates.answer_request", debate_request)
    if debate_request.status != DebateRequestStatus.PENDING:
        raise ValidationError(_("This request was already answered."))
    debate = debate_create(
        author=actor, title=debate_request.title, context=debate_request.context, has_opinion_map=has_opinion_map
    )
    debate_request.status = DebateRequestStatus.ACCEPTED
    debate_request.debate, debate_request.answered_by, debate_request.answered_at = debate, actor, timezone.now()
    debate_request.save(update_fields=["status", "debate", "answered_by", "answered_at"])
    audit_record(actor=actor, action="debates.request_accepted", target=debate_request)
    _notify_requester(debate_request, actor)
    return debate


@transaction.atomic
def debate_request_decline(*, actor, debate_request: DebateRequest, reason: str) -> DebateRequest:
    debate_request = DebateRequest.objects.select_for_update().get(pk=debate_request.pk)
    require_perm(actor, "debates.answer_request", debate_request)
    if debate_request.status != DebateRequestStatus.PENDING:
        raise ValidationError(_("This request was already answered."))
    if not reason.strip():
        raise ValidationError(_("Write the reason; the person who asked will read it."))
    debate_request.status = DebateRequestStatus.DECLINED
    debate_request.answer, debate_request.answered_by = reason.strip(), actor
    debate_request.answered_at = timezone.now()
    debate_request.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_record(actor=actor, action="debates.request_declined", target=debate_request, reason=reason)
    _notify_requester(debate_request, actor)
    return debate_request


def debates_erase_user(user) -> None:
    """Account deletion: arguments stay public under the anonymised account; supports and requests go."""
    argument_supports_erase(user=user)
    DebateRequest.objects.filter(requested_by=user).delete()
