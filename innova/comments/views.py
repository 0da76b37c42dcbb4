"""Comments, votes, reports and the moderation queue, for every content type registered in ``core.moderation``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core import moderation
from innova.core.permissions import require_perm
from innova.core.ratelimit import RateLimited
from innova.core.service_results import service_or_message, service_with_message

from . import selectors, services
from .forms import CommentForm, ReasonForm
from .models import Comment


def _back(request, target) -> str:
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return next_url
    return target.get_absolute_url()


@login_required
@require_POST
def comment_create(request, content_type_id: int, object_id: int):
    target = moderation.get_target(content_type_id, object_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"]).first()
        try:
            comment = service_or_message(
                request,
                lambda: services.comment_add(
                    author=request.user, target=target, body=form.cleaned_data["body"], parent=parent
                ),
                _("Your comment was published."),
            )
        except RateLimited:
            # The 429 page comes from RateLimitMiddleware; the text waits in the form for the next try.
            request.session["comment_draft"] = request.POST.get("body", "")
            raise
        if comment is None:
            request.session["comment_draft"] = request.POST.get("body", "")
        else:
            return redirect(f"{_back(request, target)}#comentario-{comment.pk}")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(_back(request, target))


@login_required
@require_POST
def comment_vote(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    target = moderation.get_target(comment.target_type_id, comment.target_id)
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        messages.error(request, _("A vote is up or down."))
    else:
        service_with_message(
            request, lambda: services.comment_vote_set(user=request.user, comment=comment, value=value)
        )
    return redirect(f"{_back(request, target)}#comentario-{comment.pk}")


@login_required
@require_POST
def flag_create(request, content_type_id: int, object_id: int):
    target = moderation.get_target(content_type_id, object_id)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the moderators what is wrong with this content."))
    else:
        service_with_message(
            request,
            lambda: services.flag_add(user=request.user, target=target, reason=form.cleaned_data["reason"]),
            _("Thank you. The moderators will review it."),
        )
    return redirect(_back(request, target))


@login_required
def moderation_queue(request):
    require_perm(request.user, "comments.moderate")
    return render(
        request, "comments/moderation_queue.html", {"items": selectors.moderation_queue(), "form": ReasonForm()}
    )


@login_required
@require_POST
def moderation_action(request, content_type_id: int, object_id: int, action: str):
    require_perm(request.user, "comments.moderate")
    target = moderation.get_target(content_type_id, object_id)
    form = ReasonForm(request.POST)
    if action not in {"ocultar", "mostrar"}:
        raise Http404
    if not form.is_valid():
        messages.error(request, _("Write the reason; the author will read it."))
    else:
        services.moderation_set_hidden(
            actor=request.user, target=target, hidden=action == "ocultar", reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Content hidden.") if action == "ocultar" else _("Content visible again."))
    # Only a path on this site: "//evil.example" also starts with "/" and would leave it.
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("comments:moderation")
