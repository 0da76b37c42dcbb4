import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member


@rules.predicate
def is_published_and_visible(user, problem) -> bool:
    return problem is None or (problem.published_at is not None and problem.hidden_at is None)


@rules.predicate
def is_author(user, problem) -> bool:
    return problem is not None and user.is_authenticated and problem.author_id == user.pk


rules.add_perm("problems.report_problem", is_active_user)
rules.add_perm("problems.support_problem", is_active_user & is_published_and_visible)
rules.add_perm("problems.follow_problem", is_active_user & is_published_and_visible)
# Facilitators and verified officials move a problem through its workflow and answer it in public.
rules.add_perm("problems.change_status", is_official_or_staff)
rules.add_perm("problems.answer_problem", is_official_or_staff)
rules.add_perm("problems.view_pending", is_official_or_staff)
rules.add_perm("problems.publish_draft", is_author)
rules.add_perm("problems.view_hidden", is_staff_member)


@rules.predicate
def is_published(user, problem) -> bool:
    return problem is None or problem.published_at is not None


@rules.predicate
def is_not_hidden(user, problem) -> bool:
    return problem is None or problem.hidden_at is None


# Whose page may be opened (the rule of ``selectors.problem_readable``): published; hidden ones only by moderators.
rules.add_perm("problems.view_problem", is_published & (is_not_hidden | is_staff_member))
