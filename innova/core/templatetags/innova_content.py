from django import template
from django.contrib.contenttypes.models import ContentType

from innova.core.forms import CommentForm
from innova.core.selectors import comment_page

register = template.Library()

COMMENTS_PER_PAGE = 20


@register.inclusion_tag("core/includes/comments.html", takes_context=True)
def comments_for(context, target, max_depth: int = 1):
    request = context["request"]
    content_type = ContentType.objects.get_for_model(target)
    # A page of top-level comments (with their replies) at a time: 500 comments on one page is too heavy to render.
    page, total = comment_page(target=target, page_number=request.GET.get("comentarios"), per_page=COMMENTS_PER_PAGE)
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
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("core/includes/flag.html", takes_context=True)
def flag_button(context, target):
    request = context["request"]
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def content_type_id(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk
