"""After the brainstorm: a card of a closed board becomes a problem of Usme or a draft proposal, linked back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innova.fronts.services import problem_link
from innova.problems.services import problem_report
from innova.proposals.models import Origin, Proposal
from innova.proposals.services import proposal_create

from ..models import Card, Phase
from .events import board_event_add, board_locked
from .participation import board_view_check, facilitation_check


@transaction.atomic
def card_to_problem(*, actor, card: Card, theme, upz=None):
    """One click on a closed board: the card becomes a problem of Usme, linked back to the board."""

    board = board_locked(card.board)
    facilitation_check(actor, board)
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
    board_event_add(board, "card_promoted", {"card": card.pk, "url": problem.get_absolute_url()})
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
