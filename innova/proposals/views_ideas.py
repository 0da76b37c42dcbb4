"""The open idea box (``/ideas/``): one field, anonymous allowed, rate-limited; the lab's staff triage each idea
into a problem, a proposal draft or the archive (with a reason the sender reads on the idea's private page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm
from innova.core.ratelimit import RateLimited, rate_limit
from innova.core.service_results import service_into_form, service_or_message
from innova.core.views import form_rate_limited

from . import selectors, services
from .forms import IdeaForm, TriageForm, triage_forms
from .models import Idea


def _sender_key(request) -> str:
    user = request.user
    return f"user:{user.pk}" if user.is_authenticated else f"ip:{request.META.get('REMOTE_ADDR', '')}"


def index(request):
    if request.method == "POST":
        form = IdeaForm(request.POST)
        if form.is_valid():
            try:
                # Anonymous ideas are welcome, so the limit is per account or, without one, per address.
                rate_limit("idea", _sender_key(request))
            except RateLimited as refused:
                return form_rate_limited(request, refused, "proposals/ideas/index.html", {"form": form})
            body = form.cleaned_data["body"]
            idea = service_into_form(form, lambda: services.idea_submit(author=request.user, body=body), field="body")
            if idea is not None:
                messages.success(
                    request, _("Thank you! Keep the address of this page to see what becomes of your idea.")
                )
                return redirect(idea)
    else:
        form = IdeaForm()
    return render(request, "proposals/ideas/index.html", {"form": form})


def track(request, token):
    """The idea's private page: whoever has the link sees its status and, if archived, the reason."""
    idea = get_object_or_404(Idea.objects.select_related("problem"), token=token)
    return render(
        request, "proposals/ideas/track.html", {"idea": idea, "proposal": idea.proposals.order_by("pk").first()}
    )


@login_required
def queue(request):
    require_perm(request.user, "proposals.triage_idea")
    queue = list(selectors.idea_queue()[:100])
    ideas = list(zip(queue, triage_forms(f"idea-{idea.pk}" for idea in queue), strict=True))
    return render(request, "proposals/ideas/queue.html", {"ideas": ideas, "recent": selectors.idea_recent_triaged()})


@login_required
@require_POST
def triage(request, pk: int):
    require_perm(request.user, "proposals.triage_idea")
    idea = get_object_or_404(Idea, pk=pk)
    form = TriageForm(request.POST, prefix=f"idea-{idea.pk}")
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the idea."))
        return redirect("ideas:queue")
    data = form.cleaned_data
    created = service_or_message(
        request,
        lambda: services.idea_triage(
            actor=request.user,
            idea=idea,
            decision=data["decision"],
            reason=data["reason"],
            theme=data["theme"],
            upz=data["upz"],
        ),
        _("The idea was triaged."),
    )
    return redirect(created if created is not None else "ideas:queue")
