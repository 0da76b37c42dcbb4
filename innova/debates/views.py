from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_or_message, service_with_message
from innova.core.views import form_action

from . import extensions, selectors, services
from .forms import ArgumentForm, CloseForm, DebateForm, DebateRequestForm, DeclineForm
from .models import Argument, Debate, DebateRequest


def index(request):
    return render(request, "debates/index.html", {"debates": selectors.debate_list()})


@login_required
def create(request):
    require_perm(request.user, "debates.create_debate")
    form = DebateForm(request.POST) if request.method == "POST" else DebateForm()
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["problems"] = list(data.get("problems") or [])
        debate = service_into_form(form, lambda: services.debate_create(author=request.user, **data))
        if debate is not None:
            messages.success(request, _("The debate is open."))
            return redirect(debate)
    return render(request, "debates/form.html", {"form": form})


def _debate_or_404(request, pk: int) -> Debate:
    debate = get_object_or_404(Debate.objects.select_related("created_by"), pk=pk)
    if debate.hidden_at is not None and not request.user.has_perm("comments.moderate", debate):
        raise Http404
    return debate


def _detail_context(request, debate, **extra) -> dict:
    context = {
        "debate": debate,
        "close_form": CloseForm() if request.user.has_perm("debates.close_debate", debate) else None,
        "arguments": selectors.debate_arguments(debate=debate, user=request.user),
        "argument_form": ArgumentForm() if debate.is_open and request.user.is_authenticated else None,
        "problems": debate.problems.filter(hidden_at__isnull=True),
        **extensions.detail_context(user=request.user, debate=debate),
    }
    context.update(extra)
    return context


def detail(request, pk: int):
    debate = _debate_or_404(request, pk)
    return render(request, "debates/detail.html", _detail_context(request, debate))


@login_required
@require_POST
def argument_create(request, pk: int):
    debate = _debate_or_404(request, pk)
    form = ArgumentForm(request.POST)
    if form.is_valid():
        argument = service_into_form(
            form, lambda: services.argument_add(author=request.user, debate=debate, **form.cleaned_data)
        )
        if argument is not None:
            messages.success(request, _("Your argument was published."))
            return redirect(argument)
    return render(request, "debates/detail.html", _detail_context(request, debate, argument_form=form), status=400)


@login_required
@require_POST
def argument_support(request, pk: int):
    argument = get_object_or_404(Argument.objects.select_related("debate"), pk=pk, hidden_at__isnull=True)
    supported = request.POST.get("supported") == "1"
    service_with_message(
        request, lambda: services.argument_support_set(user=request.user, argument=argument, supported=supported)
    )
    return redirect(argument)


@login_required
@require_POST
def close(request, pk: int):
    debate = get_object_or_404(Debate, pk=pk)
    require_perm(request.user, "debates.close_debate", debate)
    form = CloseForm(request.POST)
    if form.is_valid():
        closed = service_into_form(
            form,
            lambda: services.debate_close(
                actor=request.user, debate=debate, conclusion=form.cleaned_data["conclusion"]
            ),
        )
        if closed is not None:
            messages.success(request, _("The debate was closed with its conclusion."))
            return redirect(debate)
    return render(request, "debates/detail.html", _detail_context(request, debate, close_form=form), status=400)


@login_required
def request_create(request):
    require_perm(request.user, "debates.request_debate")
    form = DebateRequestForm(request.POST) if request.method == "POST" else DebateRequestForm()
    if request.method == "POST" and form.is_valid():
        asked = service_into_form(form, lambda: services.debate_request_create(user=request.user, **form.cleaned_data))
        if asked is not None:
            messages.success(request, _("Thank you. The facilitators will answer your request."))
            return redirect("debates:index")
    return render(request, "debates/request_form.html", {"form": form})


@login_required
def requests(request):
    require_perm(request.user, "debates.answer_request")
    return render(
        request,
        "debates/requests.html",
        {"pending": selectors.debate_requests_pending(), "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def request_answer(request, pk: int, action: str):
    debate_request = get_object_or_404(DebateRequest, pk=pk)
    require_perm(request.user, "debates.answer_request", debate_request)
    if action == "aceptar":
        debate = service_or_message(
            request,
            lambda: services.debate_request_accept(actor=request.user, debate_request=debate_request),
            _("The debate is open; the person who asked was told."),
        )
        return redirect(debate if debate is not None else "debates:requests")
    if action != "rechazar":
        raise Http404
    form_action(
        request,
        DeclineForm(request.POST),
        lambda data: services.debate_request_decline(
            actor=request.user, debate_request=debate_request, reason=data["reason"]
        ),
        success=_("The request was declined; the person who asked was told why."),
        invalid=_("Write the reason; the person who asked will read it."),
    )
    return redirect("debates:requests")
