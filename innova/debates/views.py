from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm

from . import selectors, services
from .forms import CloseForm, DebateForm
from .models import Debate


def index(request):
    return render(request, "debates/index.html", {"debates": selectors.debate_list()})


@login_required
def create(request):
    require_perm(request.user, "debates.create_debate")
    form = DebateForm(request.POST) if request.method == "POST" else DebateForm()
    if request.method == "POST" and form.is_valid():
        try:
            debate = services.debate_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The debate is open."))
            return redirect(debate)
    return render(request, "debates/form.html", {"form": form})


def detail(request, pk: int):
    debate = get_object_or_404(Debate.objects.select_related("created_by"), pk=pk)
    close_form = CloseForm() if request.user.has_perm("debates.close_debate", debate) else None
    return render(
        request, "debates/detail.html", {"debate": debate, "close_form": close_form, **_opinions(request, debate)}
    )


def _opinions(request, debate) -> dict:
    """Facilitators see how many statements of the opinion map wait for review."""
    if not request.user.has_perm("opinions.moderate_statement", debate):
        return {"can_moderate": False}
    from innova.opinions.selectors import statements_pending

    return {"can_moderate": True, "pending_count": statements_pending(debate=debate).count()}


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
    return render(request, "debates/detail.html", {"debate": debate, "close_form": form}, status=400)
