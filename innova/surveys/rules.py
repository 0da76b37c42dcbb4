import rules

from innova.core.predicates import is_active_user, is_staff_member
from innova.fronts.selectors import front_is_member

from .models import Access


def front_member(user, front_id) -> bool:
    """Membership of a work front, as the fronts app knows it."""
    return front_is_member(user=user, front_id=front_id)


@rules.predicate
def is_open(user, survey) -> bool:
    return survey is not None and survey.is_open


@rules.predicate
def may_reach(user, survey) -> bool:
    """Who the survey is for. The secret link itself is checked by the view (it needs the request)."""
    if survey is None:
        return False
    if survey.identified and not is_active_user(user):
        return False
    if survey.access in (Access.EVERYONE, Access.LINK):
        return True
    if survey.access == Access.LOGGED_IN:
        return is_active_user(user)
    return is_staff_member(user) or front_member(user, survey.front_id)


@rules.predicate
def is_published(user, survey) -> bool:
    return survey is not None and survey.published


@rules.predicate
def results_released(user, survey) -> bool:
    return survey is not None and survey.published and survey.results_public and survey.is_closed


rules.add_perm("surveys.manage_survey", is_staff_member)
rules.add_perm("surveys.answer_survey", is_open & may_reach)
rules.add_perm("surveys.view_survey", is_staff_member | (is_published & may_reach))
rules.add_perm("surveys.view_results", is_staff_member | results_released)
# Free-text answers and per-response exports may identify someone: staff only.
rules.add_perm("surveys.view_free_text", is_staff_member)
rules.add_perm("surveys.export_responses", is_staff_member)
