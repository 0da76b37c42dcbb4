from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_with_message
from innova.problems.selectors import problem_visible

from . import selectors, services
from .forms import FrontForm, MinutesForm, ProblemLinkForm, SessionForm
from .models import Front, FrontSession, Membership, MemberStatus

FRONTS_PER_PAGE = 24


def index(request):
    # A page at a time: with a thousand fronts one page was 350 KiB of HTML, too much for a phone on a weak signal.
    page = Paginator(selectors.front_list(), FRONTS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(request, "fronts/index.html", {"fronts": page.object_list, "page": page})


@login_required
def create(request):
    require_perm(request.user, "fronts.create_front")
    form = FrontForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        front = service_into_form(
            form,
            lambda: services.front_create(
                creator=request.user,
                name=data["name"],
                theme=data["theme"],
                description=data["description"],
                upzs=data["upzs"],
                join_policy=data["join_policy"],
                cover=data["cover"],
                cover_alt=data["cover_alt"],
            ),
            field="cover" if data["cover"] else None,
        )
        if front is not None:
            messages.success(request, _("The work front was created. You coordinate it."))
            return redirect(front)
    return render(request, "fronts/create.html", {"form": form})


def detail(request, slug: str):
    front = get_object_or_404(Front.objects.select_related("theme"), slug=slug)
    user = request.user
    can_manage = user.has_perm("fronts.manage_front", front)
    context = {
        "front": front,
        "membership": selectors.front_membership(user=user, front=front),
        "members": selectors.front_members(front=front),
        "problems": front.problems.filter(pk__in=problem_visible().values("pk")).select_related("theme"),
        "upcoming": front.sessions.filter(pk__in=selectors.front_session_upcoming_list().values("pk")),
        "past": front.sessions.exclude(pk__in=selectors.front_session_upcoming_list().values("pk")).reverse(),
        "activity": selectors.front_activity(front=front),
        "can_manage": can_manage,
        "boards": front.boards.order_by("-created_at") if hasattr(front, "boards") else [],
    }
    if can_manage:
        context["pending"] = selectors.front_pending_requests(front=front)
        context["session_form"] = SessionForm()
        context["link_form"] = ProblemLinkForm()
    return render(request, "fronts/detail.html", context)


@require_POST
def join(request, slug: str):
    front = get_object_or_404(Front, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(front.get_absolute_url())
    membership = services.front_join(user=request.user, front=front)
    if membership.status == MemberStatus.ACTIVE:
        messages.success(request, _("Welcome to the work front."))
    else:
        messages.info(request, _("Your request was sent; a coordinator will answer it."))
    return redirect(front)


@login_required
@require_POST
def leave(request, slug: str):
    front = get_object_or_404(Front, slug=slug)
    service_with_message(
        request, lambda: services.front_leave(user=request.user, front=front), _("You left the work front.")
    )
    return redirect(front)


@login_required
@require_POST
def decide(request, slug: str, pk: int):
    front = get_object_or_404(Front, slug=slug)
    require_perm(request.user, "fronts.manage_front", front)
    membership = get_object_or_404(Membership, pk=pk, front=front)
    approve = request.POST.get("decision") == "approve"
    service_with_message(
        request,
        lambda: services.membership_decide(actor=request.user, membership=membership, approve=approve),
        _("The request was approved.") if approve else _("The request was rejected."),
    )
    return redirect(f"{front.get_absolute_url()}#miembros")


@login_required
def session_create(request, slug: str):
    front = get_object_or_404(Front, slug=slug)
    require_perm(request.user, "fronts.manage_front", front)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = service_into_form(
            form, lambda: services.session_create(actor=request.user, front=front, **form.cleaned_data)
        )
        if session is not None:
            messages.success(request, _("The session was scheduled."))
            return redirect(session)
    return render(request, "fronts/session_form.html", {"front": front, "form": form})


def session_detail(request, slug: str, pk: int):
    session = get_object_or_404(FrontSession.objects.select_related("front"), pk=pk, front__slug=slug)
    can_manage = request.user.has_perm("fronts.manage_front", session.front)
    form = None
    if can_manage:
        form = MinutesForm(request.POST or None, initial={"minutes": session.minutes})
        if request.method == "POST" and form.is_valid():
            published = service_into_form(
                form,
                lambda: services.minutes_publish(
                    actor=request.user, session=session, minutes=form.cleaned_data["minutes"]
                ),
                field="minutes",
            )
            if published is not None:
                messages.success(request, _("The minutes were published."))
                return redirect(session)
    elif request.method == "POST":
        require_perm(request.user, "fronts.manage_front", session.front)
    return render(request, "fronts/session.html", {"session": session, "front": session.front, "form": form})


@login_required
@require_POST
def link_problem(request, slug: str):
    front = get_object_or_404(Front, slug=slug)
    require_perm(request.user, "fronts.manage_front", front)
    form = ProblemLinkForm(request.POST)
    problem = None
    if form.is_valid():
        problem = problem_visible().filter(pk=form.cleaned_data["problem"]).first()
    if problem is None:
        messages.error(request, _("There is no published problem with that number."))
    else:
        services.problem_link(actor=request.user, front=front, problem=problem)
        messages.success(request, _("The problem is now linked to this front."))
    return redirect(f"{front.get_absolute_url()}#problemas")
