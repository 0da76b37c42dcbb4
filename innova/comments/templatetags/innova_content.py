from django import template
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.translation import get_language

from innova.comments.forms import CommentForm
from innova.comments.models import CommentVote
from innova.comments.selectors import COMMENT_SORTS, comment_page, comments_version_key
from innova.core.fragments import fragment_kept
from innova.core.pagecache import domains_version, version_token

register = template.Library()

COMMENTS_PER_PAGE = 20
# A backstop only: every change of a comment bumps its target's version (comments.services.comments_changed).
COMMENTS_CACHE_SECONDS = 120


@register.simple_tag(takes_context=True)
def comments_for(context, target, max_depth: int = 1):
    """The comments of ``target``: a page of them with replies, the sort links and the form.

    Kept in the cache until a comment of ``target`` changes (``comments_changed`` bumps its version, a vote too):
    what a visitor without an account sees is the same for all of them, and most readers of a busy page have no
    account; a signed-in reader's copy (their votes, their own comments without vote buttons) is theirs alone and
    has them in its key. A comment drafted before logging in is put back in the form: that render is not kept.
    """
    request = context["request"]
    if request.user.is_authenticated and "comment_draft" in request.session:
        return render_to_string("comments/includes/comments.html", _comments_context(context, target, max_depth))
    content_type = ContentType.objects.get_for_model(target)
    parts = [
        "comments-html",
        str(content_type.pk),
        str(target.pk),
        version_token(comments_version_key(content_type.pk, target.pk)),
        get_language() or "",
        str(max_depth),
        str(getattr(target, "comments_closed", False)),
        request.GET.get("orden", ""),
        request.GET.get("comentarios", ""),
        request.get_full_path(),
        # The reader, when signed in: names and roles come from the "accounts" version (a name shown changed).
        f"{request.user.pk}:{domains_version('accounts')}" if request.user.is_authenticated else "",
    ]
    return fragment_kept(
        parts,
        lambda: render_to_string("comments/includes/comments.html", _comments_context(context, target, max_depth)),
        seconds=COMMENTS_CACHE_SECONDS,
        csrf_token=context.get("csrf_token"),
    )


def _comments_context(context, target, max_depth: int) -> dict:
    request = context["request"]
    content_type = ContentType.objects.get_for_model(target)
    # A page of top-level comments (with their replies) at a time: 500 comments on one page is too heavy to render.
    sort = request.GET.get("orden", "")
    sort = sort if sort in COMMENT_SORTS else ""
    page, total = comment_page(
        target=target, page_number=request.GET.get("comentarios"), per_page=COMMENTS_PER_PAGE, sort=sort
    )
    my_votes = {}
    if request.user.is_authenticated and page.object_list:
        ids = _all_ids(page.object_list)
        my_votes = dict(
            CommentVote.objects.filter(user=request.user, comment_id__in=ids).values_list("comment_id", "value")
        )
        for comment in _walk(page.object_list):
            comment.my_vote = my_votes.get(comment.pk, 0)
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "content_type_id": content_type.pk,
        "comments": page.object_list,
        "comment_page": page,
        "comment_total": total,
        "form": CommentForm(initial={"body": request.session.pop("comment_draft", "")}),
        "max_depth": max_depth,
        "sort": sort,
        "comments_closed": getattr(target, "comments_closed", False),
        "csrf_token": context.get("csrf_token"),
    }


def _walk(comments):
    for comment in comments:
        yield comment
        yield from _walk(getattr(comment, "children", []))


def _all_ids(comments) -> list[int]:
    return [comment.pk for comment in _walk(comments)]


@register.inclusion_tag("comments/includes/flag.html", takes_context=True)
def flag_button(context, target, summary: str = ""):
    """The "report to the moderators" form of any moderated object; with ``summary``, folded in a <details>."""
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "summary": summary,
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def content_type_id(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk
