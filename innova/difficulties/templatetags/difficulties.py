from django import template

from innova.core.pagecache import domains_version
from innova.difficulties.models import Difficulty
from innova.difficulties.selectors import difficulty_list

register = template.Library()


@register.inclusion_tag("difficulties/includes/section.html", takes_context=True)
def difficulties_section(context, front=None, proposal=None):
    """The difficulties of a front or a proposal, for their pages, with the link to record one."""
    user = context["request"].user
    return {
        "front": front,
        "proposal": proposal,
        # Read only when the list is rendered again: the list is kept as a fragment until a difficulty changes.
        "versions": domains_version("difficulties", "fronts", "proposals"),
        "difficulties": difficulty_list(front=front, proposal=proposal).order_by("status", "-likelihood")[:50],
        "can_add": user.has_perm("difficulties.add_difficulty", Difficulty(front=front, proposal=proposal)),
    }
