import rules

from innova.core.predicates import is_active_user

# What people may follow, by "app_label.model". Apps that land later need no change here if their model has one of
# these names; another app can add its own with ``FOLLOWABLE.add("app.model")`` in its AppConfig.ready().
FOLLOWABLE = {
    "problems.problem",
    "proposals.proposal",
    "debates.debate",
    "fronts.front",
    "brainstorms.board",
}


@rules.predicate
def is_followable_and_visible(user, target) -> bool:
    if target is None:
        return False
    if target._meta.label_lower not in FOLLOWABLE:
        return False
    if getattr(target, "hidden_at", None) is not None:
        return False
    return not (hasattr(target, "published_at") and target.published_at is None)


rules.add_perm("notifications.follow_target", is_active_user & is_followable_and_visible)


def is_silenced_by_hiding(kind: str, target) -> bool:
    """Hidden content notifies no one, except its author about the moderation itself."""
    return target is not None and getattr(target, "hidden_at", None) is not None and kind != "content_hidden"
