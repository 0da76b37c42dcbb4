import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innova.core.models import Hideable, Searchable


class Phase(models.TextChoices):
    IDEAS = "ideas", pgettext_lazy("brainstorm phase", "Ideas")
    GROUP = "agrupar", pgettext_lazy("brainstorm phase", "Group")
    VOTE = "votar", pgettext_lazy("brainstorm phase", "Vote")
    CLOSED = "cerrada", pgettext_lazy("brainstorm phase", "Closed")


PHASE_ORDER = [Phase.IDEAS, Phase.GROUP, Phase.VOTE, Phase.CLOSED]

# Unambiguous letters and digits (no 0/O, 1/I/L) so a code read aloud in a room is typed right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def join_code_new() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(6))


class Board(Searchable):
    """A live brainstorm (lluvia de ideas): cards, groups and dot votes, in phases set by its facilitator."""

    front = models.ForeignKey(
        "fronts.Front", null=True, blank=True, on_delete=models.CASCADE, related_name="boards"
    )  # null: a public open call
    prompt = models.CharField(_("question"), max_length=200)
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(max_length=10, choices=Phase.choices, default=Phase.IDEAS)
    allow_anonymous = models.BooleanField(_("allow anonymous cards"), default=True)
    allow_guests = models.BooleanField(_("allow guests with just a nickname"), default=False)
    members_only = models.BooleanField(_("only members of the front take part"), default=False)
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=3)
    # Flood limits per participant (a room of hundreds shares the board): the facilitator may raise them.
    ideas_per_hour = models.PositiveSmallIntegerField(_("ideas per person per hour"), default=20)
    dot_changes_per_minute = models.PositiveSmallIntegerField(_("dot changes per person per minute"), default=30)
    join_code = models.CharField(max_length=8, unique=True, default=join_code_new)
    last_seq = models.PositiveIntegerField(default=0)  # the sequence number of the board's latest event
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("brainstorm")
        verbose_name_plural = _("brainstorms")

    def __str__(self) -> str:
        return self.prompt

    def get_absolute_url(self) -> str:
        return reverse("brainstorms:detail", args=[self.pk])


class Guest(models.Model):
    """Someone in a workshop without an account: a nickname, the accepted data policy, bound to one browser."""

    nickname = models.CharField(_("nickname"), max_length=40)
    policy_accepted_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.nickname


class Participant(models.Model):
    """One person (account or guest) in one board; holds the counter of dots spent, locked when voting."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    guest = models.ForeignKey(Guest, null=True, on_delete=models.CASCADE, related_name="participations")
    dots_used = models.PositiveSmallIntegerField(default=0)
    # Dots placed or taken back since ``dot_window_started_at`` (a one-minute window, see Board.dot_changes_per_minute).
    dot_window_started_at = models.DateTimeField(null=True, blank=True)
    dot_window_changes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "user"], name="one_participant_per_user"),
            models.UniqueConstraint(fields=["board", "guest"], name="one_participant_per_guest"),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(guest__isnull=False), name="participant_is_someone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board_id}: {self.user_id or 'g' + str(self.guest_id)}"


class CardGroup(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name of the group"), max_length=80)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Colour(models.TextChoices):
    YELLOW = "amarillo", _("Yellow")
    GREEN = "verde", _("Green")
    BLUE = "azul", _("Blue")
    PINK = "rosado", _("Pink")
    ORANGE = "naranja", _("Orange")


class Card(Hideable):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    text = models.CharField(_("idea"), max_length=280)
    colour = models.CharField(_("colour"), max_length=10, choices=Colour.choices, default=Colour.YELLOW)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    guest = models.ForeignKey(Guest, null=True, on_delete=models.SET_NULL, related_name="cards")
    anonymous = models.BooleanField(_("post without my name"), default=False)
    group = models.ForeignKey(CardGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards")
    vote_count = models.PositiveIntegerField(default=0)
    # Set when the card became a problem (one click on a closed board). A proposal made from a card keeps the
    # card's number (``Proposal.source_card_id``: proposals sit below brainstorms and do not import them).
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.SET_NULL, related_name="source_cards"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("board idea")
        verbose_name_plural = _("board ideas")

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return f"{self.board.get_absolute_url()}#idea-{self.pk}"

    @property
    def public_author(self) -> str:
        if self.anonymous:
            return str(_("Anonymous"))
        if self.guest_id:
            return _("%(name)s (guest)") % {"name": self.guest.nickname}
        return self.author.public_name if self.author_id else str(_("Anonymous"))


class DotVote(models.Model):
    """One dot on one card; a participant may put several dots on the same card, up to the board's limit."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.card_id}"


class BoardEvent(models.Model):
    """Every change of a board, numbered: clients replay ``?since=seq`` after a reconnection."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=20)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["board", "seq"], name="one_event_per_board_seq")]

    def __str__(self) -> str:
        return f"{self.board_id}#{self.seq} {self.type}"

    def as_message(self) -> dict:
        return {"seq": self.seq, "type": self.type, "data": self.data}
