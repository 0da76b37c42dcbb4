from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.participation import (
    answer_threshold_check,
    search_fields,
    status_change_record,
    support_set,
    supports_erase,
)
from innova.core.permissions import require_perm
from innova.core.ratelimit import rate_limits_suspended
from innova.core.services import audit_record
from innova.notifications.outbox import address_email_queue
from innova.notifications.services.follows import follow_set
from innova.problems.services import problem_report

from .models import (
    ANSWERS,
    TRANSITIONS,
    Idea,
    IdeaStatus,
    Invitation,
    Origin,
    Proposal,
    Status,
    StatusChange,
    Support,
    Version,
)

# The fields people write; editing any of them after publishing makes a new version.
TEXT_FIELDS = (
    "title",
    "summary",
    "solution",
    "expected_impact",
    "beneficiary_groups",
    "estimated_cost",
    "resources",
)


def _search(proposal: Proposal) -> dict:
    return search_fields(proposal.title, proposal.summary, proposal.solution)


def proposal_version_text(proposal: Proposal) -> str:
    """The proposal as plain text, one labelled section per field: what versions keep and diffs compare."""
    cost = f"{proposal.estimated_cost:,}".replace(",", ".") if proposal.estimated_cost is not None else "—"
    sections = [
        (_("Title"), proposal.title),
        (_("Summary"), proposal.summary),
        (_("Solution"), proposal.solution),
        (_("Expected impact"), proposal.expected_impact),
        (_("Groups that benefit"), proposal.beneficiary_groups),
        (_("Estimated cost (pesos)"), cost),
        (_("Resources needed"), proposal.resources),
    ]
    return "\n\n".join(f"## {label}\n{value or '—'}" for label, value in sections)


def _version_add(proposal: Proposal, editor) -> Version:
    last = proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0
    text = proposal_version_text(proposal)
    return Version.objects.create(proposal=proposal, number=last + 1, text=text, editor=editor)


@transaction.atomic
def proposal_create(
    *,
    author,
    title: str,
    summary: str,
    solution: str,
    expected_impact: str = "",
    problems=(),
    beneficiary_upzs=(),
    beneficiary_groups: str = "",
    estimated_cost: int | None = None,
    resources: str = "",
    origin: str = Origin.NEW,
    source_card_id: int | None = None,
    source_idea: Idea | None = None,
) -> Proposal:
    """Start a proposal as a draft, private to its authors until they publish it."""
    require_perm(author, "proposals.create_proposal")
    if len(summary.strip()) > 500:
        raise ValidationError(_("The summary can have up to 500 characters."))
    if origin == Origin.PROBLEM and not problems:
        raise ValidationError(_("Choose the problem this proposal answers."))
    proposal = Proposal(
        title=title.strip(),
        summary=summary.strip(),
        solution=solution.strip(),
        expected_impact=expected_impact.strip(),
        beneficiary_groups=beneficiary_groups.strip(),
        estimated_cost=estimated_cost,
        resources=resources.strip(),
        author=author,
        origin=origin,
        source_card_id=source_card_id,
        source_idea=source_idea,
    )
    for field, value in _search(proposal).items():
        setattr(proposal, field, value)
    proposal.save()
    proposal.problems.set(problems)
    proposal.beneficiary_upzs.set(beneficiary_upzs)
    StatusChange.objects.create(proposal=proposal, to_status=Status.DRAFT, actor=author)
    return proposal


@transaction.atomic
def proposal_update(*, editor, proposal: Proposal, problems=None, beneficiary_upzs=None, **fields) -> Proposal:
    """Edit the text; after publishing, every edit that changes it is kept as a new version."""
    require_perm(editor, "proposals.edit_proposal", proposal)
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    if len((fields.get("summary") or proposal.summary).strip()) > 500:
        raise ValidationError(_("The summary can have up to 500 characters."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    before = proposal_version_text(proposal)
    for field, value in fields.items():
        setattr(proposal, field, value.strip() if isinstance(value, str) else value)
    for field, value in _search(proposal).items():
        setattr(proposal, field, value)
    proposal.save()
    if problems is not None:
        proposal.problems.set(problems)
    if beneficiary_upzs is not None:
        proposal.beneficiary_upzs.set(beneficiary_upzs)
    if proposal.published_at is not None and proposal_version_text(proposal) != before:
        _version_add(proposal, editor)
    return proposal


@transaction.atomic
def proposal_publish(*, user, proposal: Proposal) -> Proposal:
    require_perm(user, "proposals.publish_proposal", proposal)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.published_at is not None:
        return proposal
    proposal.published_at = timezone.now()
    proposal.status = Status.PUBLISHED
    proposal.save(update_fields=["published_at", "status", "updated_at"])
    StatusChange.objects.create(proposal=proposal, from_status=Status.DRAFT, to_status=Status.PUBLISHED, actor=user)
    _version_add(proposal, user)
    for person in [proposal.author, *proposal.coauthors.all()]:
        follow_set(user=person, target=proposal, following=True)
    return proposal


def proposal_support_set(*, user, proposal: Proposal, supported: bool) -> bool:
    """Support a published proposal or withdraw it: one per person, safe under concurrent clicks."""
    require_perm(user, "proposals.support_proposal", proposal)

    def added():
        answer_threshold_check(
            model=Proposal,
            pk=proposal.pk,
            threshold=settings.INNOVA_PROPOSAL_SUPPORT_THRESHOLD,
            working_days=settings.INNOVA_ANSWER_DEADLINE_WORKING_DAYS,
        )
        follow_set(user=user, target=proposal, following=True)

    return support_set(
        support_model=Support, target_field="proposal", target=proposal, user=user, supported=supported, on_added=added
    )


@transaction.atomic
def proposal_change_status(*, actor, proposal: Proposal, to_status: str, reason: str) -> Proposal:
    """One step of the lifecycle, by staff, in order, with a public reason."""
    require_perm(actor, "proposals.change_status", proposal)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if to_status not in TRANSITIONS.get(proposal.status, ()):
        raise ValidationError(
            _("A proposal cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Status(proposal.status).label, "to": Status(to_status).label}
        )
    if not reason.strip():
        raise ValidationError(_("Write the reason for this step; it is shown in public."))
    previous = proposal.status
    proposal.status = to_status
    fields = ["status", "updated_at"]
    if to_status in ANSWERS and proposal.answered_at is None:
        proposal.answered_at = timezone.now()
        fields.append("answered_at")
    proposal.save(update_fields=fields)
    status_change_record(
        history=proposal.status_changes,
        target=proposal,
        previous=previous,
        to_status=to_status,
        actor=actor,
        reason=reason,
        audit_action="proposals.status_changed",
        notification_kind="proposal_status_changed",
    )
    return proposal


# --- Co-authors ---------------------------------------------------------------------------------------------------


@transaction.atomic
def proposal_invite(*, inviter, proposal: Proposal, email: str, accept_url_for=None) -> Invitation:
    """Invite someone by e-mail to co-author; ``accept_url_for(invitation)`` builds the link sent to them."""
    require_perm(inviter, "proposals.invite_coauthor", proposal)
    email = email.strip().lower()
    if email == (proposal.author.email or "").lower() or proposal.coauthors.filter(email__iexact=email).exists():
        raise ValidationError(_("This person is already an author of the proposal."))
    invitation, _created = Invitation.objects.get_or_create(
        proposal=proposal, email=email, defaults={"invited_by": inviter}
    )
    if invitation.accepted_at is None and accept_url_for is not None:
        link = accept_url_for(invitation)
        subject = _("Invitation to co-author a proposal on Usme Innova")
        body = _("%(name)s invites you to co-author the proposal “%(title)s”. To accept, open: %(link)s") % {
            "name": inviter.public_name,
            "title": proposal.title,
            "link": link,
        }
        address_email_queue(to=email, subject=subject, text=body)
    return invitation


@transaction.atomic
def invitation_accept(*, user, invitation: Invitation) -> Proposal:
    """The invitee accepts with the account that has the invited e-mail address."""
    if not (user.is_authenticated and user.is_active):
        raise ValidationError(_("Log in to accept the invitation."))
    if (user.email or "").lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        invitation.proposal.coauthors.add(user)
        if invitation.proposal.published_at is not None:
            follow_set(user=user, target=invitation.proposal, following=True)
    return invitation.proposal


# --- The open idea box --------------------------------------------------------------------------------------------


@transaction.atomic
def idea_submit(*, author, body: str) -> Idea:
    """Any creative opinion; ``author`` may be an anonymous visitor (the idea is then kept without a person)."""
    require_perm(author, "proposals.submit_idea")
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your idea before sending it."))
    return Idea.objects.create(body=body, author=author if author.is_authenticated else None)


def _idea_title(body: str) -> str:
    first_line = body.strip().splitlines()[0] if body.strip() else ""
    return first_line[:137] + "…" if len(first_line) > 140 else first_line


@transaction.atomic
def idea_triage(*, actor, idea: Idea, decision: str, reason: str = "", theme=None, upz=None):
    """Turn an idea into a problem or a proposal draft, or archive it with a reason the author reads.

    Returns the problem or proposal created (None when archived).
    """
    require_perm(actor, "proposals.triage_idea", idea)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if idea.status != IdeaStatus.NEW:
        raise ValidationError(_("This idea was already triaged."))
    owner = idea.author if idea.author is not None and idea.author.is_active else actor
    created = None
    if decision == IdeaStatus.PROBLEM:
        if theme is None or upz is None:
            raise ValidationError(_("Choose the theme and the UPZ of the problem."))
        # The staff member's decision on someone else's idea: it counts against nobody's report limit.
        with rate_limits_suspended():
            created = problem_report(
                author=owner,
                title=_idea_title(idea.body),
                description=idea.body,
                theme=theme,
                upz=upz,
                anonymous=idea.author is None,
                channel="ideas",
            )
        idea.problem = created
    elif decision == IdeaStatus.PROPOSAL:
        created = proposal_create(
            author=owner,
            title=_idea_title(idea.body),
            summary=idea.body[:500],
            solution=idea.body,
            origin=Origin.IDEA,
            source_idea=idea,
        )
    elif decision == IdeaStatus.ARCHIVED:
        if not reason.strip():
            raise ValidationError(_("Write the reason; the person who sent the idea will read it."))
    else:
        raise ValidationError(_("Choose what to do with the idea."))
    idea.status = decision
    idea.reason = reason.strip()
    idea.triaged_by = actor
    idea.triaged_at = timezone.now()
    idea.save()
    audit_record(actor=actor, action="proposals.idea_triaged", target=idea, reason=reason, data={"to": decision})
    return created


# --- Personal data ------------------------------------------------------------------------------------------------


def proposals_erase_user(user) -> None:
    """Account deletion: proposals stay public (authorship passes to the anonymised account); supports go,
    invitations to the person's address go, and ideas are kept without a person."""
    supports_erase(support_model=Support, target_field="proposal", user=user)
    Invitation.objects.filter(email__iexact=user.email).delete()
    for proposal in Proposal.objects.filter(coauthors=user):
        proposal.coauthors.remove(user)
    Idea.objects.filter(author=user).update(author=None)
