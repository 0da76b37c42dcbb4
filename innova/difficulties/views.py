from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.accounts.models import User
from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_with_message
from innova.fronts.models import Front, MemberStatus
from innova.proposals.models import Proposal

from . import selectors, services
from .forms import DifficultyForm, StatusForm
from .models import TRANSITIONS, Difficulty, DifficultyKind, DifficultyStatus


def index(request):
    status = request.GET.get("estado", "")
    kind = request.GET.get("tipo", "")
    status = status if status in DifficultyStatus.values else ""
    kind = kind if kind in DifficultyKind.values else ""
    return render(
        request,
        "difficulties/index.html",
        {
            "difficulties": selectors.difficulty_list(status=status, kind=kind)[:200],
            "statuses": DifficultyStatus.choices,
            "kinds": DifficultyKind.choices,
            "status": status,
            "kind": kind,
        },
    )


def _owners(front=None, proposal=None, actor=None, current_owner_id=None):
    """Who may own a difficulty: the actor, the front's active members, the proposal's authors; plus its current
    owner even if they no longer qualify (one query: a distinct queryset cannot be OR-ed with another)."""
    condition = Q(pk=actor.pk) if actor is not None else Q()
    if front is not None:
        condition |= Q(front_memberships__front=front, front_memberships__status=MemberStatus.ACTIVE)
    if proposal is not None:
        condition |= Q(pk=proposal.author_id) | Q(pk__in=proposal.coauthors.values("pk"))
    condition = Q(condition, is_active=True)
    if current_owner_id is not None:
        condition |= Q(pk=current_owner_id)
    return User.objects.filter(condition).distinct().order_by("display_name")


def _visible(request, difficulty: Difficulty) -> Difficulty:
    if difficulty.proposal_id and not request.user.has_perm("proposals.view_proposal", difficulty.proposal):
        raise Http404
    return difficulty


@login_required
def create(request):
    front = proposal = None
    if slug := request.GET.get("frente"):
        front = get_object_or_404(Front, slug=slug)
    elif (pk := request.GET.get("propuesta", "")).isdigit():
        proposal = get_object_or_404(Proposal, pk=pk)
    else:
        raise Http404
    require_perm(request.user, "difficulties.add_difficulty", Difficulty(front=front, proposal=proposal))
    owners = _owners(front, proposal, request.user)
    form = DifficultyForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        difficulty = service_into_form(
            form,
            lambda: services.difficulty_create(actor=request.user, front=front, proposal=proposal, **form.cleaned_data),
        )
        if difficulty is not None:
            messages.success(request, _("The difficulty was recorded."))
            return redirect(difficulty)
    return render(request, "difficulties/form.html", {"form": form, "front": front, "proposal": proposal})


def detail(request, pk: int):
    difficulty = _visible(
        request, get_object_or_404(Difficulty.objects.select_related("owner", "front", "proposal"), pk=pk)
    )
    context = {
        "difficulty": difficulty,
        "history": difficulty.status_changes.select_related("actor"),
        "can_manage": request.user.has_perm("difficulties.manage_difficulty", difficulty),
    }
    if context["can_manage"] and TRANSITIONS[difficulty.status]:
        context["status_form"] = StatusForm(choices=_status_choices(difficulty))
    return render(request, "difficulties/detail.html", context)


def _status_choices(difficulty):
    return [(s, DifficultyStatus(s).label) for s in TRANSITIONS[difficulty.status]]


@login_required
def edit(request, pk: int):
    difficulty = get_object_or_404(Difficulty.objects.select_related("front", "proposal"), pk=pk)
    require_perm(request.user, "difficulties.manage_difficulty", difficulty)
    owners = _owners(difficulty.front, difficulty.proposal, request.user, current_owner_id=difficulty.owner_id)
    form = DifficultyForm(request.POST or None, instance=difficulty, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.changed_data}
        saved = service_into_form(
            form, lambda: services.difficulty_update(actor=request.user, difficulty=difficulty, **data)
        )
        if saved is not None:
            messages.success(request, _("The difficulty was updated."))
            return redirect(difficulty)
    return render(request, "difficulties/form.html", {"form": form, "difficulty": difficulty})


@login_required
@require_POST
def change_status(request, pk: int):
    difficulty = get_object_or_404(Difficulty, pk=pk)
    require_perm(request.user, "difficulties.manage_difficulty", difficulty)
    form = StatusForm(request.POST, choices=_status_choices(difficulty))
    if not form.is_valid():
        messages.error(request, _("This step is not possible from the current status."))
        return redirect(difficulty)
    service_with_message(
        request,
        lambda: services.difficulty_change_status(
            actor=request.user,
            difficulty=difficulty,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
        ),
        _("The status of the difficulty changed."),
    )
    return redirect(difficulty)


def front_matrix(request, slug: str):
    front = get_object_or_404(Front, slug=slug)
    return render(
        request,
        "difficulties/front_matrix.html",
        {
            "front": front,
            "matrix": selectors.risk_matrix(front=front),
            "difficulties": selectors.difficulty_list(front=front),
            "can_add": request.user.has_perm("difficulties.add_difficulty", Difficulty(front=front)),
        },
    )
