from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.pagecache import domains_version, page_cached_for_visitors
from innova.core.permissions import require_perm
from innova.core.selectors import CachedCountPaginator
from innova.core.service_results import service_into_form, service_or_message
from innova.core.views import form_action, pending_answer_pages, support_toggle
from innova.problems.models import Problem

from . import extensions, selectors, services
from .forms import InviteForm, ProposalFilterForm, ProposalForm, StatusChangeForm
from .models import TRANSITIONS, Invitation, Origin, Proposal, Status

FORM_FIELDS = services.TEXT_FIELDS  # the form edits exactly the fields a version keeps

# What a proposal's public pages show: proposals, the problems they answer, comments, authors, the UPZs, and the
# brainstorm card a proposal came from, the difficulties named against it.
PAGE_DOMAINS = ("proposals", "problems", "comments", "accounts", "territory", "brainstorms", "difficulties")


@page_cached_for_visitors(*PAGE_DOMAINS)
def index(request):
    form = ProposalFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.ProposalFilters()
    queryset = selectors.proposal_list(filters=filters)
    page_versions = domains_version(*PAGE_DOMAINS)
    page = CachedCountPaginator(queryset, 20, versions=page_versions, of=filters).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "page_versions": page_versions}
    return render(request, "proposals/index.html", context)


@login_required
def mine(request):
    return render(request, "proposals/mine.html", {"proposals": selectors.proposal_mine(user=request.user)})


def similar(request):
    """htmx partial: published proposals like the one being typed."""
    proposals = selectors.proposal_similar(
        title=request.GET.get("title", "")[:200], description=request.GET.get("summary", "")[:2000]
    )
    return render(request, "proposals/_similar.html", {"similar": proposals})


def _origin_from_query(request) -> dict:
    """A proposal started from a problem (?problema=12) or a brainstorm card (?tarjeta=7)."""
    problem_id = request.GET.get("problema", "")
    card_id = request.GET.get("tarjeta", "")
    if problem_id.isdigit():
        problem = Problem.objects.filter(pk=int(problem_id), published_at__isnull=False, hidden_at__isnull=True).first()
        if problem is not None:
            return {"origin": Origin.PROBLEM, "problem": problem}
    if card_id.isdigit():
        return {"origin": Origin.CARD, "source_card_id": int(card_id)}
    return {"origin": Origin.NEW}


@login_required
def create(request):
    origin = _origin_from_query(request)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            # A proposal written from scratch that names problems counts as coming from a problem.
            started_as = origin["origin"]
            if started_as == Origin.NEW and data["problems"]:
                started_as = Origin.PROBLEM
            proposal = service_into_form(
                form,
                lambda: services.proposal_create(
                    author=request.user,
                    problems=data["problems"],
                    beneficiary_upzs=data["beneficiary_upzs"],
                    origin=origin["origin"]
                    if origin["origin"] != Origin.NEW or not data["problems"]
                    else Origin.PROBLEM,
                    source_card_id=origin.get("source_card_id"),
                    **{field: data[field] for field in FORM_FIELDS},
                ),
            )
            if proposal is not None:
                messages.success(request, _("Your draft was saved. Only you and your co-authors can see it."))
                return redirect(proposal)
    else:
        initial = {"problems": [origin["problem"]]} if "problem" in origin else {}
        if "problem" in origin:
            initial["title"] = origin["problem"].title
            initial["beneficiary_upzs"] = [origin["problem"].upz_id]
        form = ProposalForm(initial=initial)
    return render(request, "proposals/form.html", {"form": form, "origin": origin, "editing": False})


def _get_visible(request, pk: int) -> Proposal:
    return _readable_or_404(request, Proposal.objects.select_related("author", "source_idea").filter(pk=pk).first())


def _readable_or_404(request, proposal: Proposal | None) -> Proposal:
    if proposal is None or not request.user.has_perm("proposals.view_proposal", proposal):
        raise Http404  # drafts and hidden proposals do not exist for others
    return proposal


@page_cached_for_visitors(*PAGE_DOMAINS)
def detail(request, pk: int):
    user = request.user
    proposal = _readable_or_404(request, selectors.proposal_for_page(user=user, pk=pk))
    is_author = user.has_perm("proposals.edit_proposal", proposal)
    # What the page shows the same for everyone is kept as fragments under these versions (core/fragments): the
    # querysets and functions below are read only when a fragment is rendered again, not on every request.
    context = {
        "proposal": proposal,
        "page_versions": domains_version(*PAGE_DOMAINS),
        "problems": proposal.problems.select_related("upz").defer("upz__boundary"),
        "upzs": proposal.beneficiary_upzs.defer("boundary"),
        "coauthors": proposal.coauthors.all(),
        "history": proposal.status_changes.select_related("actor"),
        "version_count": proposal.version_count,
        "supported": getattr(proposal, "supported", False),
        "is_author": is_author,
        # The brainstorm a proposal came from (its card's board), linked back from the proposal page.
        "source_board_url": partial(extensions.source_card_url, proposal.source_card_id),
    }
    if is_author:
        context["invite_form"] = InviteForm()
        context["pending_invitations"] = selectors.invitation_pending(proposal=proposal)
    if proposal.published_at is not None and user.has_perm("proposals.change_status", proposal):
        allowed = TRANSITIONS.get(proposal.status, ())
        form = StatusChangeForm()
        form.fields["to_status"].choices = [(s, Status(s).label) for s in allowed]
        context["status_form"] = form if allowed else None
    return render(request, "proposals/detail.html", context)


@login_required
def edit(request, pk: int):
    proposal = _get_visible(request, pk)
    require_perm(request.user, "proposals.edit_proposal", proposal)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            saved = service_into_form(
                form,
                lambda: services.proposal_update(
                    editor=request.user,
                    proposal=proposal,
                    problems=data["problems"],
                    beneficiary_upzs=data["beneficiary_upzs"],
                    **{field: data[field] for field in FORM_FIELDS},
                ),
            )
            if saved is not None:
                messages.success(request, _("The proposal was saved."))
                return redirect(proposal)
    else:
        initial = {field: getattr(proposal, field) for field in FORM_FIELDS}
        initial["problems"] = list(proposal.problems.all())
        initial["beneficiary_upzs"] = list(proposal.beneficiary_upzs.values_list("pk", flat=True))
        form = ProposalForm(initial=initial)
    return render(request, "proposals/form.html", {"form": form, "proposal": proposal, "editing": True})


@login_required
@require_POST
def publish(request, pk: int):
    """Publish a draft; when similar proposals exist, first offer to support one of them instead."""
    proposal = _get_visible(request, pk)
    require_perm(request.user, "proposals.publish_proposal", proposal)
    action = request.POST.get("action", "")
    if action.startswith("support:"):
        other_pk = action.split(":", 1)[1]
        other = get_object_or_404(selectors.proposal_visible(), pk=int(other_pk) if other_pk.isdigit() else 0)
        services.proposal_support_set(user=request.user, proposal=other, supported=True)
        messages.success(request, _("You now support this proposal. Your draft is kept in “My proposals”."))
        return redirect(other)
    similar = selectors.proposal_similar(title=proposal.title, description=proposal.summary, exclude_pk=proposal.pk)
    if similar and action != "publish":
        return render(request, "proposals/review.html", {"proposal": proposal, "similar": similar})
    services.proposal_publish(user=request.user, proposal=proposal)
    messages.success(request, _("Your proposal was published."))
    return redirect(proposal)


@require_POST
def support(request, pk: int):
    return support_toggle(
        request,
        get_object_or_404(selectors.proposal_visible(), pk=pk),
        toggle=lambda user, target, supported: services.proposal_support_set(
            user=user, proposal=target, supported=supported
        ),
        partial="proposals/_support.html",
        name="proposal",
    )


@login_required
@require_POST
def change_status(request, pk: int):
    proposal = get_object_or_404(Proposal, pk=pk, published_at__isnull=False)
    require_perm(request.user, "proposals.change_status", proposal)
    form_action(
        request,
        StatusChangeForm(request.POST),
        lambda data: services.proposal_change_status(
            actor=request.user, proposal=proposal, to_status=data["to_status"], reason=data["reason"]
        ),
        success=_("The status was changed."),
    )
    return redirect(f"{proposal.get_absolute_url()}#historial")


@login_required
@require_POST
def invite(request, pk: int):
    proposal = _get_visible(request, pk)
    require_perm(request.user, "proposals.invite_coauthor", proposal)
    form_action(
        request,
        InviteForm(request.POST),
        lambda data: services.proposal_invite(
            inviter=request.user,
            proposal=proposal,
            email=data["email"],
            accept_url_for=lambda invitation: request.build_absolute_uri(
                reverse("proposals:invitation", args=[invitation.token])
            ),
        ),
        success=_("The invitation was sent. It shows as pending until it is accepted."),
    )
    return redirect(f"{proposal.get_absolute_url()}#coautores")


@login_required
def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("proposal", "invited_by"), token=token)
    if request.method == "POST":
        proposal = service_or_message(
            request,
            lambda: services.invitation_accept(user=request.user, invitation=invitation),
            _("You are now a co-author of this proposal."),
        )
        if proposal is not None:
            return redirect(proposal)
    return render(request, "proposals/invitation.html", {"invitation": invitation})


def versions(request, pk: int):
    proposal = _get_visible(request, pk)
    return render(
        request,
        "proposals/versions.html",
        {"proposal": proposal, "versions": selectors.proposal_versions(proposal=proposal)},
    )


@login_required
def pending(request):
    require_perm(request.user, "proposals.view_pending")
    return render(request, "proposals/pending.html", pending_answer_pages(request, selectors.proposal_pending_answer()))
