import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member
from innova.core.visibility import part_of

from .models import StatementStatus


@rules.predicate
def has_open_map(user, debate) -> bool:
    return debate is not None and debate.has_opinion_map and debate.is_open


@rules.predicate
def has_map(user, debate) -> bool:
    return debate is not None and debate.has_opinion_map


@rules.predicate
def allows_anonymous(user, debate) -> bool:
    return debate is not None and debate.allow_anonymous_opinions and not user.is_authenticated


# Vote and propose statements: people with an account, or anyone when the debate allows anonymous opinions
# (a pseudonymous participant bound to the browser by a signed cookie).
rules.add_perm("opinions.participate", has_open_map & (is_active_user | allows_anonymous))
# Facilitators review participants' statements before they are shown; theirs are approved at once.
rules.add_perm("opinions.moderate_statement", is_staff_member & has_map)
rules.add_perm("opinions.import_polis", is_staff_member & has_map)
rules.add_perm("opinions.export_polis", is_official_or_staff & has_map)
rules.add_perm("opinions.view_map", has_map)


_statement_in_debate = part_of("debate")


def statement_is_visible(user, statement) -> bool:
    """Approved statements are seen where their debate is; pending and rejected ones only by the lab's staff."""
    if statement.status != StatementStatus.APPROVED and not is_staff_member(user):
        return False
    return _statement_in_debate(user, statement)
