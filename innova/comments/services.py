"""Comments, votes on them, reports to the moderators and hiding content, for every model registered in
``core.moderation``."""

import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core import moderation, notify
from innova.core.pagecache import versions_changed
from innova.core.permissions import require_perm
from innova.core.ratelimit import rate_limit_user
from innova.core.services import audit_record
from innova.core.visibility import require_visible

from .models import Comment, CommentVote, Flag
from .selectors import comments_version_key

MENTION = re.compile(r"(?<![\w@])@([\w.\-]{2,40})")


def comments_changed(*, content_type_id: int, target_id: int) -> None:
    """Retire the cached comments of that target (what visitors without an account see,
    ``innova_content.comments_for``): at once, and again once the transaction commits, so a copy rendered from the
    old rows in between is not kept (``core.pagecache.versions_changed``)."""
    versions_changed(comments_version_key(content_type_id, target_id))


def person_comments_changed(*, user) -> None:
    """A person's name or role changed (``core.services.person_shown_changed``): once the transaction commits,
    retire the comments HTML of each target they commented on (the only cache that holds names;
    ``innova_content.comments_for``)."""
    targets = Comment.objects.filter(author=user).values_list("target_type_id", "target_id").distinct()
    for content_type_id, target_id in targets:
        comments_changed(content_type_id=content_type_id, target_id=target_id)


@transaction.atomic
def comment_add(*, author, target, body: str, parent: Comment | None = None) -> Comment:
    require_visible(author, target)
    require_perm(author, "comments.add_comment", target)
    entry = moderation.entry_for(type(target))
    if entry is None or not entry.takes_comments:
        raise ValidationError(_("This content does not take comments."))
    if getattr(target, "comments_closed", False):
        raise ValidationError(_("This conversation is closed: it no longer takes new comments."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write your comment before sending it."))
    target_type = ContentType.objects.get_for_model(target)
    depth = 0
    if parent is not None:
        if parent.target_type_id != target_type.pk or parent.target_id != target.pk:
            raise ValidationError(_("You can only reply to a comment on the same page."))
        depth = parent.depth + 1
        if depth > min(entry.comment_max_depth, moderation.MAX_COMMENT_DEPTH):
            raise ValidationError(_("Replies cannot go deeper here; reply to the comment above instead."))
    rate_limit_user("comment", author)
    comment = Comment.objects.create(
        target_type=target_type, target_id=target.pk, parent=parent, depth=depth, author=author, body=body
    )
    if hasattr(target, "comment_count"):
        type(target).objects.filter(pk=target.pk).update(comment_count=F("comment_count") + 1)
    comments_changed(content_type_id=target_type.pk, target_id=target.pk)
    transaction.on_commit(lambda: _notify_comment(comment, target))
    return comment


def _notify_comment(comment: Comment, target) -> None:
    told: set[int] = set()
    if comment.parent is not None:
        notify.emit(
            kind="comment_reply",
            recipients=[comment.parent.author],
            target=target,
            actor=comment.author,
            dedupe_key=f"comment:{comment.pk}",
        )
        told.add(comment.parent.author_id)
    names = set(MENTION.findall(comment.body))
    if names:
        mentioned = get_user_model().objects.filter(display_name__in=names, is_active=True)
        notify.emit(
            kind="mentioned",
            recipients=mentioned,
            target=target,
            actor=comment.author,
            dedupe_key=f"comment:{comment.pk}",
        )
        told.update(mentioned.values_list("pk", flat=True))
    # Everyone else who follows the page hears of it too (weekly digest by default), once.
    notify.emit(
        kind="comment_added",
        recipients=notify.followers_of(target).exclude(pk__in=told),
        target=target,
        actor=comment.author,
        dedupe_key=f"comment:{comment.pk}",
    )


def comment_vote_set(*, user, comment: Comment, value: int) -> int:
    """Vote a comment up (1), down (-1) or withdraw the vote (0); one vote per person, concurrency-safe.

    The unique constraint decides; ``score`` moves with ``F()`` by the difference only when a row changed.
    Returns the person's vote after the call.
    """
    if value not in (-1, 0, 1):
        raise ValidationError(_("A vote is up or down."))
    require_visible(user, comment)
    require_perm(user, "comments.vote_comment", comment)
    target = comment.target_type.get_object_for_this_type(pk=comment.target_id)
    if getattr(target, "comments_closed", False):
        # A closed debate's conversation is a record: its order of "best" comments no longer moves.
        raise ValidationError(_("This conversation is closed: its comments no longer take votes."))
    with transaction.atomic():
        previous = 0
        if value:
            try:
                with transaction.atomic():
                    CommentVote.objects.create(comment=comment, user=user, value=value)
            except IntegrityError:
                vote = CommentVote.objects.select_for_update().get(comment=comment, user=user)
                previous = vote.value
                if previous != value:
                    vote.value = value
                    vote.save(update_fields=["value"])
        else:
            vote = CommentVote.objects.select_for_update().filter(comment=comment, user=user).first()
            if vote is not None:
                previous = vote.value
                vote.delete()
        if value != previous:
            Comment.objects.filter(pk=comment.pk).update(score=F("score") + (value - previous))
            comments_changed(content_type_id=comment.target_type_id, target_id=comment.target_id)
    return value


@transaction.atomic
def flag_add(*, user, target, reason: str) -> Flag:
    require_visible(user, target)
    require_perm(user, "comments.flag_content", target)
    if not reason.strip():
        raise ValidationError(_("Tell the moderators what is wrong with this content."))
    rate_limit_user("flag", user)
    target_type = ContentType.objects.get_for_model(target)
    flag, created = Flag.objects.get_or_create(
        target_type=target_type, target_id=target.pk, user=user, defaults={"reason": reason.strip()}
    )
    if not created:
        flag.reason, flag.resolved_at = reason.strip(), None
        flag.save(update_fields=["reason", "resolved_at"])
    return flag


@transaction.atomic
def moderation_set_hidden(*, actor, target, hidden: bool, reason: str):
    """Hide or show content again; the reason is required and the author is told."""
    require_perm(actor, "comments.moderate", target)
    if not reason.strip():
        raise ValidationError(_("Write the reason; the author will read it."))
    target.hidden_at = timezone.now() if hidden else None
    target.hidden_reason = reason.strip()
    target.save(update_fields=["hidden_at", "hidden_reason"])
    entry = moderation.entry_for(type(target))
    if entry is not None and entry.on_hidden_changed is not None:
        entry.on_hidden_changed(target=target, hidden=hidden)
    if isinstance(target, Comment):
        comments_changed(content_type_id=target.target_type_id, target_id=target.target_id)
    Flag.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk, resolved_at__isnull=True
    ).update(resolved_at=timezone.now())
    audit_record(
        actor=actor, action="core.content_hidden" if hidden else "core.content_unhidden", target=target, reason=reason
    )
    kind = "content_hidden" if hidden else "content_unhidden"
    author = getattr(target, "author", None)  # none for a guest's board idea: nobody to tell

    def notify_author():
        if author is not None:
            notify.emit(kind=kind, recipients=[author], target=target, actor=actor, url=_safe_url(target))

    transaction.on_commit(notify_author)
    return target


def _safe_url(target) -> str:
    try:
        return target.get_absolute_url()
    except Exception:  # noqa: BLE001 - a URL is a nicety in a notification, never a reason to fail
        return ""


def comments_erase_user(user) -> None:
    """Account deletion: the comments stay public, shown under "Cuenta eliminada" (``user.public_name``); the
    person's votes are withdrawn, each comment's score moving back by that vote; their reports to the moderators,
    private and personal, are deleted."""
    for vote in list(CommentVote.objects.filter(user=user)):
        vote.delete()
        Comment.objects.filter(pk=vote.comment_id).update(score=F("score") - vote.value)
    Flag.objects.filter(user=user).delete()
