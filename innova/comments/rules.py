import rules

from innova.core.predicates import is_active_user, is_staff_member


@rules.predicate
def target_is_visible(user, target) -> bool:
    return target is None or getattr(target, "hidden_at", None) is None


rules.add_perm("comments.add_comment", is_active_user & target_is_visible)


@rules.predicate
def is_not_own_comment(user, comment) -> bool:
    return comment is None or comment.author_id != user.pk


rules.add_perm("comments.vote_comment", is_active_user & target_is_visible & is_not_own_comment)
rules.add_perm("comments.flag_content", is_active_user)
rules.add_perm("comments.moderate", is_staff_member)
