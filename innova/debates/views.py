from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm

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
        try:
            data = dict(form.cleaned_data)
            data["problems"] = list(data.get("problems") or [])
            debate = services.debate_create(author=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
        try:
            argument = services.argument_add(author=request.user, debate=debate, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your argument was published."))
            return redirect(argument)
    return render(request, "debates/detail.html", _detail_context(request, debate, argument_form=form), status=400)


@login_required
@require_POST
def argument_support(request, pk: int):
    argument = get_object_or_404(Argument.objects.select_related("debate"), pk=pk, hidden_at__isnull=True)
    try:
        services.argument_support_set(
            user=request.user, argument=argument, supported=request.POST.get("supported") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(argument)


@login_required
@require_POST
def close(request, pk: int):
    debate = get_object_or_404(Debate, pk=pk)
    require_perm(request.user, "debates.close_debate", debate)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.debate_close(actor=request.user, debate=debate, conclusion=form.cleaned_data["conclusion"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The debate was closed with its conclusion."))
            return redirect(debate)
    return render(request, "debates/detail.html", _detail_context(request, debate, close_form=form), status=400)


@login_required
def request_create(request):
    require_perm(request.user, "debates.request_debate")
    form = DebateRequestForm(request.POST) if request.method == "POST" else DebateRequestForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.debate_request_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
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
    try:
        if action == "aceptar":
            debate = services.debate_request_accept(actor=request.user, debate_request=debate_request)
            messages.success(request, _("The debate is open; the person who asked was told."))
            return redirect(debate)
        if action != "rechazar":
            raise Http404
        form = DeclineForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Write the reason; the person who asked will read it."))
        services.debate_request_decline(
            actor=request.user, debate_request=debate_request, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The request was declined; the person who asked was told why."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("debates:requests")
