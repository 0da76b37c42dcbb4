from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Max, Q

from .models import Comment, CommentVote, Flag


def comment_tree(*, target, include_hidden: bool = False) -> list[Comment]:
    """Top-level comments of ``target`` with ``.children`` filled, in order; hidden ones left out for the public."""
    comments = Comment.objects.filter(
        target_type=ContentType.objects.get_for_model(target), target_id=target.pk
    ).select_related("author")
    if not include_hidden:
        comments = comments.filter(hidden_at__isnull=True)
    children = defaultdict(list)
    roots = []
    for comment in comments:
        comment.children = children[comment.pk]
        if comment.parent_id is None:
            roots.append(comment)
        else:
            children[comment.parent_id].append(comment)
    return roots


COMMENT_SORTS = {
    # URL value → order of the top-level comments; replies always read oldest first under their parent.
    "": ("created_at", "pk"),
    "mejores": ("-score", "created_at", "pk"),
    "recientes": ("-created_at", "-pk"),
}


def comment_page(*, target, page_number=None, per_page: int = 20, include_hidden: bool = False, sort: str = ""):
    """One page of ``target``'s top-level comments, each with ``.children`` filled (replies, level by level).

    Returns ``(page, total)``: a Paginator page whose ``object_list`` is the list of top-level comments, and the
    number of comments of every level. Only the comments on the page are loaded, so a target with hundreds of
    comments costs the same as one with fifty. Hidden comments (and the replies under them) are left out for the
    public.
    """
    comments = Comment.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=target.pk)
    if not include_hidden:
        comments = comments.filter(hidden_at__isnull=True)
    ordered = comments.select_related("author").order_by("created_at", "pk")
    roots = ordered.filter(parent__isnull=True).order_by(*COMMENT_SORTS.get(sort, COMMENT_SORTS[""]))
    # Both counts in one query: the paginator's (top-level comments) and the heading's (every level).
    counts = comments.aggregate(total=Count("pk"), roots=Count("pk", filter=Q(parent__isnull=True)))
    paginator = Paginator(roots, per_page)
    paginator.count = counts["roots"]
    page = paginator.get_page(page_number)
    page.object_list = level = list(page.object_list)
    by_id = {}
    while level:
        for comment in level:
            comment.children = []
            by_id[comment.pk] = comment
        level = list(ordered.filter(parent_id__in=[comment.pk for comment in level]))
        for reply in level:
            by_id[reply.parent_id].children.append(reply)
    return page, counts["total"]


def comments_version_key(content_type_id: int, target_id: int) -> str:
    """Cache key of the version of a target's comments (bumped by ``services.comments_changed``)."""
    return f"comments-version:{content_type_id}:{target_id}"


def moderation_queue() -> list[dict]:
    """Flagged content with open flags, most flagged first, with the object itself and the reasons."""
    open_flags = (
        Flag.objects.filter(resolved_at__isnull=True)
        .values("target_type", "target_id")
        .annotate(count=Count("id"), last=Max("created_at"))
        .order_by("-count", "-last")
    )
    rows = list(open_flags[:200])
    # One query per kind of content for the objects and one for all the open flags, however many are flagged.
    ids_by_type: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        ids_by_type[row["target_type"]].add(row["target_id"])
    targets = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            targets.update({(type_id, obj.pk): obj for obj in model._default_manager.filter(pk__in=ids)})
    flags = defaultdict(list)
    if rows:
        which = Q()
        for type_id, ids in ids_by_type.items():
            which |= Q(target_type_id=type_id, target_id__in=ids)
        for flag in Flag.objects.filter(which, resolved_at__isnull=True).select_related("user").order_by("created_at"):
            flags[(flag.target_type_id, flag.target_id)].append(flag)
    items = []
    for row in rows:
        key = (row["target_type"], row["target_id"])
        if key not in targets:
            continue
        content_type = ContentType.objects.get_for_id(row["target_type"])
        items.append({"target": targets[key], "content_type": content_type, "count": row["count"], "flags": flags[key]})
    return items


def comments_export(user) -> list[dict]:
    return [
        {
            "id": c.pk,
            "on": f"{c.target_type.app_label}.{c.target_type.model}#{c.target_id}",
            "body": c.body,
            "created_at": c.created_at.isoformat(),
            "hidden": c.is_hidden,
        }
        for c in Comment.objects.filter(author=user).select_related("target_type")
    ]


def comment_votes_export(user) -> list[dict]:
    return [
        {"comment": v.comment_id, "value": v.value, "created_at": v.created_at.isoformat()}
        for v in CommentVote.objects.filter(user=user)
    ]


def flags_export(user) -> list[dict]:
    return [
        {
            "on": f"{f.target_type.app_label}.{f.target_type.model}#{f.target_id}",
            "reason": f.reason,
            "created_at": f.created_at.isoformat(),
            "resolved": f.resolved_at is not None,
        }
        for f in Flag.objects.filter(user=user).select_related("target_type")
    ]
