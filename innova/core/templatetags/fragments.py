"""``{% fragment name versions [vary_on …] %}…{% endfragment %}``: a part of a page kept for every reader
(core/fragments.py).

``versions`` is a token of the domains the part shows, from ``core.pagecache.domains_version`` in the view; the
language and every ``vary_on`` value (the path with its query, an id…) are in the key too. Without ``versions``
(empty or missing in the context) nothing is kept: a fragment is never cached under a key no change renews.
``PAGE_CACHE_SECONDS`` is how long an unused fragment lingers; 0 keeps nothing (the switch of the page cache).
``|instance_token`` keys a part by what one instance holds as loaded (a card), instead of by domain versions.
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from innova.core.fragments import fragment_kept
from innova.core.fragments import instance_token as _instance_token

register = template.Library()


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError("Usage: {% fragment name versions [vary_on …] %}…{% endfragment %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits[1:]])


@register.filter
def instance_token(instance) -> str:
    """``{% fragment "card" frame_version item|instance_token %}``: a part that shows only what was loaded with
    ``item`` (core.fragments.instance_token), kept across changes elsewhere in its app."""
    return _instance_token(instance)


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        name, versions, *vary_on = (str(part.resolve(context, ignore_failures=True) or "") for part in self.parts)
        if not versions:
            return self.nodelist.render(context)
        return fragment_kept(
            [name, get_language() or "", versions, *vary_on],
            lambda: self.nodelist.render(context),
            seconds=settings.PAGE_CACHE_SECONDS,
            csrf_token=context.get("csrf_token"),
        )
