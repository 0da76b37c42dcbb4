import rules

from innova.core.predicates import is_active_user, is_staff_member
from innova.fronts.rules import is_front_coordinator
from innova.proposals.rules import authored_by


@rules.predicate
def coordinates_its_front(user, difficulty) -> bool:
    return difficulty is not None and difficulty.front_id is not None and is_front_coordinator(user, difficulty.front)


@rules.predicate
def authors_its_proposal(user, difficulty) -> bool:
    if difficulty is None or difficulty.proposal_id is None:
        return False
    return authored_by(difficulty.proposal, user)


# Everyone reads the register. Front coordinators, staff and the proposal's authors record and manage difficulties
# (the object may be an unsaved difficulty carrying the front or proposal it is being added to).
can_manage = is_active_user & (is_staff_member | coordinates_its_front | authors_its_proposal)
rules.add_perm("difficulties.add_difficulty", can_manage)
rules.add_perm("difficulties.manage_difficulty", can_manage)
