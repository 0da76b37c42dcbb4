"""Which models can be flagged and hidden by moderators, and which of them take comments.

A registered model has ``author`` (may be empty: a guest's board idea), ``hidden_at``, ``hidden_reason`` and
``get_absolute_url()``; it may have a ``comment_count`` kept up to date by the comment services, and a
``comments_closed`` property (True: no new comments, e.g. a closed debate). Apps register in ``AppConfig.ready()``:
pages (problems, proposals, debates) with ``comment_max_depth``; content shown inside a page (comments, arguments,
board ideas, opinion-map statements) with ``comments=False`` — it can be reported and hidden, not commented on.
Each app's selectors leave hidden objects out; who may see one is ``core/visibility.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.http import Http404


@dataclass(frozen=True)
class Moderatable:
    model: type
    comment_max_depth: int  # 0: no replies; 1: one level of replies; 2: replies to replies
    takes_comments: bool = True
    # Called inside the moderation transaction when the object is hidden or shown again: an app whose content is
    # also copied elsewhere (a board's stored live events) takes it out of there too.
    on_hidden_changed: Callable[..., None] | None = None


_registry: dict[str, Moderatable] = {}

# Replies never go deeper than two levels anywhere (a comment, a reply, a reply to the reply): deeper threads are
# unreadable on a phone. A model may ask for less, never more.
MAX_COMMENT_DEPTH = 2


def register(model, *, comment_max_depth: int = 1, comments: bool = True, on_hidden_changed=None) -> None:
    comment_max_depth = max(0, min(comment_max_depth, MAX_COMMENT_DEPTH))
    _registry[model._meta.label_lower] = Moderatable(
        model=model,
        comment_max_depth=comment_max_depth,
        takes_comments=comments,
        on_hidden_changed=on_hidden_changed,
    )


def entry_for(model) -> Moderatable | None:
    return _registry.get(model._meta.label_lower)


def get_target(content_type_id: int, object_id: int):
    """The registered object behind a URL's (content type, id), or 404."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    if model is None or entry_for(model) is None:
        raise Http404
    try:
        return model._default_manager.get(pk=object_id)
    except model.DoesNotExist:
        raise Http404 from None
