"""Every change of a board goes through here: permission and phase checks, one transaction, one numbered event.

Each write calls ``_event``, which takes the next ``seq`` of the board (the board row's counter, moved in the
database under its row lock) and stores a ``BoardEvent``; after commit the event is sent to the board's channel
group. Live clients apply events in ``seq`` order and ask for what they missed with ``since``.
"""

import asyncio
import datetime
import json
import logging
import threading
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innova.core.participation import search_fields
from innova.core.permissions import require_perm
from innova.core.resilience import channel_layer_errors
from innova.fronts.services import problem_link
from innova.problems.services import problem_report
from innova.proposals.models import Origin, Proposal
from innova.proposals.services import proposal_create

from .models import Board, BoardEvent, Card, CardGroup, Colour, DotVote, Guest, Participant, Phase

logger = logging.getLogger(__name__)

MAX_CARD_LENGTH = 280


def board_group_name(board_id: int) -> str:
    return f"lluvia-{board_id}"


def person_group_name(user_id: int) -> str:
    """The channel group of one person's sockets on members-only boards (told when their membership ends)."""
    return f"lluvia-persona-{user_id}"


def _layer_send(group: str, payload: dict, what: str) -> None:
    """Send ``payload`` to a channel group from synchronous code; a channel layer that is down is logged, not
    raised (``what`` names the message in the log)."""
    layer = get_channel_layer()
    if layer is None:
        return

    def send():
        try:
            async_to_sync(layer.group_send)(group, payload)
        except channel_layer_errors() as error:
            logger.warning("%s: %s not broadcast, channel layer unavailable: %r", group, what, error)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send()  # the usual case: a view or a consumer's worker thread
    else:
        # A thread that runs an event loop itself (a script driving an async library) cannot block on one.
        threading.Thread(target=send, daemon=True).start()


def _broadcast(board_id: int, message: dict) -> None:
    # Encoded once here rather than by each of the hundreds of consumers of a busy room. If the channel layer is
    # down the event is still stored: live clients lose their connection with Redis too, and when they reconnect
    # they ask for every event after the last one they saw. The write that caused it stands.
    payload = {"type": "board.event", "event": message, "text": json.dumps({"kind": "event", **message})}
    _layer_send(board_group_name(board_id), payload, f"event {message['seq']}")


def board_sockets_membership_ended(*, user_id: int, front_id: int) -> None:
    """A person stopped being a member of a front (fronts calls this after commit): their open sockets on that
    front's members-only boards check again whether they may see the board, and close if not."""
    _layer_send(person_group_name(user_id), {"type": "membership.ended", "front": front_id}, "membership end")


def _event(board: Board, type_: str, data: dict) -> BoardEvent:
    """Store the board's next event (inside the caller's transaction) and broadcast it once committed.

    ``board`` is the row locked by ``_locked`` in this transaction (or one just created), so its ``last_seq`` is
    current and no other transaction can take the same number; the unique (board, seq) constraint backs this up.
    """
    seq = board.last_seq + 1
    Board.objects.filter(pk=board.pk).update(last_seq=seq)
    event = BoardEvent.objects.create(board_id=board.pk, seq=seq, type=type_, data=data)
    board.last_seq = seq
    message = event.as_message()
    transaction.on_commit(lambda: _broadcast(board.pk, message))
    return event


def _locked(board: Board) -> Board:
    """The board's current row, locked until the end of the transaction (phase checks see the latest phase)."""
    return Board.objects.select_for_update().get(pk=board.pk)


class BoardHidden(Http404):
    """The person may not see this board (a members-only board, and they are not of its front): to them it does
    not exist. Views answer 404 (the board's pages explain whom it is for), the live socket closes."""


def board_view_check(*, board: Board, user) -> None:
    """The one visibility check of every board page, export, action and socket: the ``brainstorms.view_board``
    rule, the same condition as ``selectors.board_visible_to``. ``user`` None or anonymous is a visitor (or a
    guest of the room, who never has an account)."""
    if not (user or AnonymousUser()).has_perm("brainstorms.view_board", board):
        raise BoardHidden


@dataclass(frozen=True)
class Someone:
    """Who acts on a board: a logged-in user or a guest of the room."""

    user: object = None
    guest: Guest | None = None

    @property
    def user_known(self) -> bool:
        return self.user is not None and self.user.is_authenticated

    @property
    def known(self) -> bool:
        return self.user_known or self.guest is not None


def participation_check(*, board: Board, someone: Someone) -> None:
    """Raise PermissionDenied with a message people understand when ``someone`` may not take part (BoardHidden
    when they may not even see the board)."""
    board_view_check(board=board, user=someone.user)
    if someone.guest is not None and not someone.user_known:
        if not board.allow_guests:
            raise PermissionDenied(_("This brainstorm does not take guests. Log in to take part."))
        if board.members_only:
            raise PermissionDenied(_("Only members of the work front take part in this brainstorm."))
        return
    if not someone.known:
        raise PermissionDenied(_("Log in or join as a guest to take part."))
    if not someone.user.has_perm("brainstorms.participate_board", board):
        if board.members_only:
            raise PermissionDenied(
                _("Only members of the work front take part in this brainstorm. Join the front first.")
            )
        raise PermissionDenied(_("You cannot take part in this brainstorm."))


def _participant(board: Board, someone: Someone) -> Participant:
    lookup = {"user": someone.user} if someone.user_known else {"guest": someone.guest}
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(board=board, **lookup)
    except IntegrityError:
        participant = Participant.objects.get(board=board, **lookup)
    return participant


def _plain(text) -> str:
    """Typed text as the board stores it: without NUL bytes (PostgreSQL refuses them in text; the forms already
    do, the socket's JSON does not) and without surrounding blanks."""
    return str(text or "").replace("\x00", "").strip()


def _author_name(card: Card) -> str:
    return card.public_author


def card_payload(card: Card) -> dict:
    return {
        "id": card.pk,
        "text": card.text,
        "colour": card.colour,
        "author": _author_name(card),
        "group": card.group_id,
        "votes": card.vote_count,
    }


@transaction.atomic
def board_create(
    *,
    actor,
    prompt: str,
    front=None,
    allow_anonymous: bool = True,
    allow_guests: bool = False,
    members_only: bool = False,
    dots_per_person: int = 3,
) -> Board:
    require_perm(actor, "brainstorms.create_board", front)
    prompt = _plain(prompt)
    if not prompt:
        raise ValidationError(_("Write the question of the brainstorm."))
    if not 1 <= dots_per_person <= 20:
        raise ValidationError(_("Each person gets between 1 and 20 dots."))
    if members_only and front is None:
        raise ValidationError(_("Only a work front's brainstorm can be for members only."))
    for _attempt in range(5):
        try:
            with transaction.atomic():
                board = Board.objects.create(
                    front=front,
                    prompt=prompt,
                    facilitator=actor,
                    allow_anonymous=allow_anonymous,
                    allow_guests=allow_guests,
                    members_only=members_only,
                    dots_per_person=dots_per_person,
                    **search_fields(prompt),
                )
            break
        except IntegrityError:  # join code already taken: draw another
            continue
    _event(board, "opened", {"phase": board.phase})
    return board


def guest_join(*, board: Board, nickname: str, accept_policy: bool) -> Guest:
    """A guest of the room: only a nickname and the accepted data policy. The view binds it to the browser."""
    board_view_check(board=board, user=None)  # guests have no account: never on a members-only board
    if not board.allow_guests:
        raise PermissionDenied(_("This brainstorm does not take guests. Log in to take part."))
    nickname = _plain(nickname)
    if not 2 <= len(nickname) <= 40:
        raise ValidationError(_("Write a nickname of 2 to 40 characters."))
    if not accept_policy:
        raise ValidationError(_("Accept the data policy to take part as a guest."))
    return Guest.objects.create(nickname=nickname, policy_accepted_at=timezone.now())


@transaction.atomic
def card_post(
    *, board: Board, someone: Someone, text: str, colour: str = Colour.YELLOW, anonymous: bool = False
) -> Card:
    board = _locked(board)
    participation_check(board=board, someone=someone)
    if board.phase != Phase.IDEAS:
        raise ValidationError(
            _("Ideas are posted only in the ideas phase; this brainstorm is now in “%(phase)s”.")
            % {"phase": Phase(board.phase).label}
        )
    text = _plain(text)
    if not text:
        raise ValidationError(_("Write your idea."))
    if len(text) > MAX_CARD_LENGTH:
        raise ValidationError(_("An idea has at most 280 characters; yours has %(n)s.") % {"n": len(text)})
    if colour not in Colour.values:
        colour = Colour.YELLOW
    if anonymous and not board.allow_anonymous:
        raise ValidationError(_("This brainstorm does not take anonymous ideas."))
    _idea_limit_check(board, someone)
    card = Card.objects.create(
        board=board,
        text=text,
        colour=colour,
        author=someone.user if someone.user_known else None,
        guest=someone.guest if not someone.user_known else None,
        anonymous=anonymous,
    )
    _participant(board, someone)
    _event(board, "card_added", card_payload(card))
    return card


def card_hidden_changed(*, target: Card, hidden: bool) -> None:
    """Moderation hid a board idea (or showed it again): besides leaving the board page, a hidden idea leaves the
    board's stored live events — the event that added it becomes a removal, so a socket replaying from an older
    sequence never receives its text — and open screens drop it at once."""
    board = _locked(target.board)
    if hidden:
        BoardEvent.objects.filter(board=board, type="card_added", data__id=target.pk).update(
            type="card_removed", data={"card": target.pk}
        )
        _event(board, "card_removed", {"card": target.pk})
    else:
        _event(board, "card_added", card_payload(target))


IDEA_WINDOW = datetime.timedelta(hours=1)
DOT_WINDOW = datetime.timedelta(minutes=1)
MAX_IDEAS_PER_HOUR = 1000
MAX_DOT_CHANGES_PER_MINUTE = 600


def _runs_the_board(someone: Someone, board: Board) -> bool:
    return someone.user_known and someone.user.has_perm("brainstorms.facilitate_board", board)


def _idea_limit_check(board: Board, someone: Someone) -> None:
    """At most ``board.ideas_per_hour`` ideas from one participant in the last hour, counted in the database (the
    board row is locked by the caller, so two sockets of one person cannot both pass). Whoever runs the board types
    in the room's paper cards and is not limited."""
    if _runs_the_board(someone, board):
        return
    author = {"author": someone.user} if someone.user_known else {"guest": someone.guest, "author__isnull": True}
    recent = Card.objects.filter(board=board, created_at__gte=timezone.now() - IDEA_WINDOW, **author).count()
    if recent >= board.ideas_per_hour:
        raise ValidationError(
            _(
                "You have posted %(n)s ideas in the last hour, the most this brainstorm takes from one person. "
                "Wait a while, or ask the facilitator to raise the limit."
            )
            % {"n": recent}
        )


def _dot_change_count(board: Board, participant: Participant) -> None:
    """Count one dot placed or taken back; refuse beyond ``board.dot_changes_per_minute`` in the participant's
    current one-minute window (the participant row is locked by the caller)."""
    now = timezone.now()
    started = participant.dot_window_started_at
    if started is None or now - started >= DOT_WINDOW:
        participant.dot_window_started_at, participant.dot_window_changes = now, 0
    if participant.dot_window_changes >= board.dot_changes_per_minute:
        raise ValidationError(
            _("You are moving dots too fast (at most %(n)s changes a minute). Wait a moment and try again.")
            % {"n": board.dot_changes_per_minute}
        )
    participant.dot_window_changes += 1
    participant.save(update_fields=["dot_window_started_at", "dot_window_changes"])


@transaction.atomic
def board_limits_set(*, actor, board: Board, ideas_per_hour: int, dot_changes_per_minute: int) -> Board:
    """The facilitator raises (or lowers) the flood limits of each participant: ideas per hour, dot changes per
    minute."""
    board = _locked(board)
    _facilitation_check(actor, board)
    if not 1 <= ideas_per_hour <= MAX_IDEAS_PER_HOUR:
        raise ValidationError(
            _("Each person may post between 1 and %(max)s ideas an hour.") % {"max": MAX_IDEAS_PER_HOUR}
        )
    if not 1 <= dot_changes_per_minute <= MAX_DOT_CHANGES_PER_MINUTE:
        raise ValidationError(
            _("Each person may move between 1 and %(max)s dots a minute.") % {"max": MAX_DOT_CHANGES_PER_MINUTE}
        )
    board.ideas_per_hour, board.dot_changes_per_minute = ideas_per_hour, dot_changes_per_minute
    board.save(update_fields=["ideas_per_hour", "dot_changes_per_minute"])
    return board


def _dots_left(board: Board, participant: Participant) -> int:
    return board.dots_per_person - participant.dots_used


@transaction.atomic
def card_vote(*, board: Board, someone: Someone, card_id: int) -> int:
    """Put one dot on a card; returns the dots left. The participant row is locked: two fast clicks from two tabs
    cannot spend more than the board's dots."""
    board = _locked(board)
    participation_check(board=board, someone=someone)
    if board.phase != Phase.VOTE:
        raise ValidationError(_("Dots are placed only in the voting phase."))
    card = Card.objects.filter(pk=card_id, board=board).first()
    if card is None:
        raise ValidationError(_("That idea is not on this board."))
    participant = Participant.objects.select_for_update().get(pk=_participant(board, someone).pk)
    if participant.dots_used >= board.dots_per_person:
        raise ValidationError(
            ngettext(
                "You have already placed your dot. Take it back to move it.",
                "You have already placed your %(n)s dots. Take one back to move it.",
                board.dots_per_person,
            )
            % {"n": board.dots_per_person}
        )
    _dot_change_count(board, participant)
    DotVote.objects.create(card=card, participant=participant)
    Participant.objects.filter(pk=participant.pk).update(dots_used=F("dots_used") + 1)
    Card.objects.filter(pk=card.pk).update(vote_count=F("vote_count") + 1)
    votes = Card.objects.filter(pk=card.pk).values_list("vote_count", flat=True).get()
    _event(board, "vote", {"card": card.pk, "votes": votes})
    return _dots_left(board, participant) - 1


@transaction.atomic
def card_unvote(*, board: Board, someone: Someone, card_id: int) -> int:
    """Take one of my dots back from a card; returns the dots left."""
    board = _locked(board)
    participation_check(board=board, someone=someone)
    if board.phase != Phase.VOTE:
        raise ValidationError(_("Dots are placed only in the voting phase."))
    participant = Participant.objects.select_for_update().get(pk=_participant(board, someone).pk)
    vote = DotVote.objects.filter(card_id=card_id, card__board=board, participant=participant).first()
    if vote is None:
        raise ValidationError(_("You have no dot on that idea."))
    _dot_change_count(board, participant)
    vote.delete()
    Participant.objects.filter(pk=participant.pk).update(dots_used=F("dots_used") - 1)
    Card.objects.filter(pk=card_id).update(vote_count=F("vote_count") - 1)
    votes = Card.objects.filter(pk=card_id).values_list("vote_count", flat=True).get()
    _event(board, "vote", {"card": card_id, "votes": votes})
    return _dots_left(board, participant) + 1


def dots_left(*, board: Board, someone: Someone) -> int:
    if not someone.known:
        return board.dots_per_person
    lookup = {"user": someone.user} if someone.user_known else {"guest": someone.guest}
    used = Participant.objects.filter(board=board, **lookup).values_list("dots_used", flat=True).first() or 0
    return board.dots_per_person - used


def _facilitation_check(actor, board: Board) -> None:
    board_view_check(board=board, user=actor)
    require_perm(
        actor, "brainstorms.facilitate_board", board, message=_("Only the facilitator of the brainstorm can do this.")
    )


def _grouping_check(board: Board) -> None:
    if board.phase not in (Phase.IDEAS, Phase.GROUP):
        raise ValidationError(_("Ideas are grouped in the grouping phase."))


@transaction.atomic
def group_create(*, actor, board: Board, name: str) -> CardGroup:
    board = _locked(board)
    _facilitation_check(actor, board)
    _grouping_check(board)
    name = _plain(name)[:80]
    if not name:
        raise ValidationError(_("Write the name of the group."))
    group = CardGroup.objects.create(board=board, name=name, order=board.groups.count())
    _event(board, "group_added", {"id": group.pk, "name": group.name})
    return group


@transaction.atomic
def card_move(*, actor, board: Board, card_id: int, group_id: int | None) -> Card:
    """Put a card in a group (or take it out with ``group_id=None``)."""
    board = _locked(board)
    _facilitation_check(actor, board)
    _grouping_check(board)
    card = Card.objects.filter(pk=card_id, board=board).first()
    if card is None:
        raise ValidationError(_("That idea is not on this board."))
    if group_id is not None and not CardGroup.objects.filter(pk=group_id, board=board).exists():
        raise ValidationError(_("That group is not on this board."))
    card.group_id = group_id
    card.save(update_fields=["group"])
    _event(board, "card_moved", {"card": card.pk, "group": group_id})
    return card


@transaction.atomic
def board_groups_apply(*, actor, board: Board, groups: list[tuple[str, list[int]]]) -> list[CardGroup]:
    """Accept grouping suggestions: create each named group and move its cards into it."""
    created = []
    for name, card_ids in groups:
        group = group_create(actor=actor, board=board, name=name)
        for card_id in card_ids:
            card_move(actor=actor, board=board, card_id=card_id, group_id=group.pk)
        created.append(group)
    return created


@transaction.atomic
def board_phase_set(*, actor, board: Board, phase: str) -> Board:
    board = _locked(board)
    _facilitation_check(actor, board)
    if phase not in Phase.values:
        raise ValidationError(_("Choose a phase of the brainstorm."))
    if board.phase == Phase.CLOSED:
        raise ValidationError(_("This brainstorm is closed; it cannot be opened again."))
    if phase == board.phase:
        return board
    board.phase = phase
    board.closed_at = timezone.now() if phase == Phase.CLOSED else None
    board.save(update_fields=["phase", "closed_at"])
    _event(board, "phase", {"phase": phase, "label": str(Phase(phase).label)})
    return board


@transaction.atomic
def card_to_problem(*, actor, card: Card, theme, upz=None):
    """One click on a closed board: the card becomes a problem of Usme, linked back to the board."""

    board = _locked(card.board)
    _facilitation_check(actor, board)
    if board.phase != Phase.CLOSED:
        raise ValidationError(_("Ideas become problems once the brainstorm is closed."))
    card = Card.objects.select_for_update().get(pk=card.pk)
    if card.problem_id:
        return card.problem
    if upz is None and board.front_id:
        upz = board.front.upzs.first()
    description = ngettext(
        "This problem comes from the brainstorm “%(prompt)s” (idea with %(votes)s dot). See the board: %(url)s",
        "This problem comes from the brainstorm “%(prompt)s” (idea with %(votes)s dots). See the board: %(url)s",
        card.vote_count,
    ) % {"prompt": board.prompt, "votes": card.vote_count, "url": board.get_absolute_url()}
    problem = problem_report(
        author=actor, title=card.text[:140], description=f"{card.text}\n\n{description}", theme=theme, upz=upz
    )
    card.problem = problem
    card.save(update_fields=["problem"])
    if board.front_id:
        if actor.has_perm("fronts.manage_front", board.front):
            problem_link(actor=actor, front=board.front, problem=problem)
    _event(board, "card_promoted", {"card": card.pk, "url": problem.get_absolute_url()})
    return problem


def card_to_proposal(*, actor, card: Card):
    """On a closed board, anyone logged in who may see the board turns a card into a draft proposal of their own,
    linked back to the card.

    The draft is private to its author until published (proposals' rules); if the card already became a problem,
    the proposal answers that problem. Each person gets one draft per card (clicking twice opens the same one).
    """

    card = Card.objects.select_related("board__front", "problem").get(pk=card.pk)  # current phase and problem link
    board = card.board
    board_view_check(board=board, user=actor)
    if board.phase != Phase.CLOSED:
        raise ValidationError(_("Ideas become proposals once the brainstorm is closed."))
    existing = Proposal.objects.filter(author=actor, source_card_id=card.pk).first()
    if existing is not None:
        return existing
    solution = ngettext(
        "This proposal comes from the brainstorm “%(prompt)s” (idea with %(votes)s dot). See the board: %(url)s",
        "This proposal comes from the brainstorm “%(prompt)s” (idea with %(votes)s dots). See the board: %(url)s",
        card.vote_count,
    ) % {"prompt": board.prompt, "votes": card.vote_count, "url": board.get_absolute_url()}
    return proposal_create(
        author=actor,
        title=card.text[:140],
        summary=card.text[:500],
        solution=f"{card.text}\n\n{solution}",
        problems=[card.problem] if card.problem_id else [],
        origin=Origin.CARD,
        source_card_id=card.pk,
    )


def brainstorms_erase_user(user) -> None:
    """Account deletion: ideas stay on the boards without a name; dots stay counted."""
    Card.objects.filter(author=user).update(anonymous=True)
