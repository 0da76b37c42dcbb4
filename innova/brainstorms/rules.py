import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member
from innova.fronts.rules import is_front_coordinator


@rules.predicate
def is_board_facilitator(user, board) -> bool:
    return board is not None and is_active_user(user) and board.facilitator_id == user.pk


@rules.predicate
def is_board_coordinator(user, board) -> bool:
    return board is not None and board.front_id is not None and is_front_coordinator(user, board.front)


@rules.predicate
def is_board_open_to_user(user, board) -> bool:
    """Members-only boards take only those who take part in the front (``fronts.participate_front``: its members and
    the lab's staff); other boards take anyone logged in."""
    if board is None:
        return False
    if not board.members_only or board.front_id is None:
        return True
    return rules.has_perm("fronts.participate_front", user, board.front)


@rules.predicate
def front_is_given_and_coordinated(user, front) -> bool:
    return front is not None and is_front_coordinator(user, front)


# A public open call (no front) is started by officials and lab staff; a front's board by its coordinators.
rules.add_perm("brainstorms.create_board", is_official_or_staff | front_is_given_and_coordinated)
# Seeing a board (its page, projector, replay, exports, every action and the live socket, all through
# services.participation.board_view_check): everyone for open calls and boards of fronts that are not members-only;
# a members-only board only for its front's members and those who run it. To anyone else it answers 404.
rules.add_perm(
    "brainstorms.view_board", is_board_open_to_user | is_board_facilitator | is_board_coordinator | is_staff_member
)
rules.add_perm("brainstorms.facilitate_board", is_board_facilitator | is_board_coordinator | is_staff_member)
rules.add_perm(
    "brainstorms.participate_board",
    is_active_user & (is_board_open_to_user | is_board_facilitator | is_board_coordinator | is_staff_member),
)
