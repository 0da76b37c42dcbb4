from django import template
from django.contrib.contenttypes.models import ContentType

from .. import selectors
from ..services.follows import is_following

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_unread(context) -> int:
    """``{% notification_unread as unread %}``: the reader's unread count (0 for visitors), kept per person."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return selectors.notification_unread_count_kept(user=user)


@register.inclusion_tag("notifications/_bell.html")
def notification_bell(unread: int):
    """The bell in the header: a plain link with the unread count; bell.js keeps it live over the WebSocket."""
    return {"unread": unread}


def follow_button_context(request, target) -> dict:
    return {
        "target": target,
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "following": is_following(user=request.user, target=target),
        "user": request.user,
        "next": request.get_full_path(),
    }


@register.inclusion_tag("notifications/_follow.html", takes_context=True)
def follow_button(context, target):
    """``{% load notifications %}{% follow_button proposal %}``: follow/stop following any followable object."""
    return follow_button_context(context["request"], target)
