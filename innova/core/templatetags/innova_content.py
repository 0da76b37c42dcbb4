from django import template
from django.contrib.contenttypes.models import ContentType

from innova.core.forms import CommentForm
from innova.core.selectors import comment_tree

register = template.Library()


@register.inclusion_tag("core/includes/comments.html", takes_context=True)
def comments_for(context, target, max_depth: int = 1):
    request = context["request"]
    content_type = ContentType.objects.get_for_model(target)
    return {
        "request": request,
        "user": request.user,
        "target": target,
        "content_type_id": content_type.pk,
        "comments": comment_tree(target=target),
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
