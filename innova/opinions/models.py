from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.models import Hideable

#: New statements have at most 140 characters (as in Pol.is); imported Pol.is comments may be longer.
STATEMENT_MAX_LENGTH = 140
STATEMENT_STORED_MAX_LENGTH = 1000


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class VoteValue(models.IntegerChoices):
    # The values of Pol.is's export format: 1 agree, -1 disagree, 0 pass.
    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass")


class Participant(models.Model):
    """Someone who votes in one debate's opinion map: a user, or a browser (pseudonymous key in a signed cookie)."""

    debate = models.ForeignKey("debates.Debate", on_delete=models.CASCADE, related_name="opinion_participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="opinion_participants"
    )
    # Random key of an anonymous browser, or "polis:<id>" for a participant imported from a Pol.is export.
    anonymous_key = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["debate", "user"], condition=Q(user__isnull=False), name="opinions_participant_user_unique"
            ),
            models.UniqueConstraint(
                fields=["debate", "anonymous_key"],
                condition=Q(anonymous_key__isnull=False),
                name="opinions_participant_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(anonymous_key__isnull=False), name="opinions_participant_identity"
            ),
        ]

    def __str__(self) -> str:
        return f"participant {self.pk} of debate {self.debate_id}"


class Statement(Hideable):
    debate = models.ForeignKey("debates.Debate", on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("statement"), max_length=STATEMENT_STORED_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinion_statements"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.PENDING, db_index=True
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("opinions:map", args=[self.debate_id])


class Vote(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=VoteValue.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="opinions_vote_unique"),
            models.CheckConstraint(condition=Q(value__in=[-1, 0, 1]), name="opinions_vote_value"),
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()}: {self.statement_id}"


class MapResult(models.Model):
    """The latest analysis of a debate's votes (computed in a Celery task, never in a request).

    ``data`` holds what the page draws (positions, groups with their colours, representative, consensus and
    divisive statements, per-group vote counts); ``state`` is the analysis' ``PreviousState``, handed to the
    next computation so groups keep their identity (and colour) and k changes only when it is stable.
    """

    debate = models.OneToOneField("debates.Debate", on_delete=models.CASCADE, related_name="opinion_map")
    computed_at = models.DateTimeField()
    vote_count_at = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict)
    state = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"opinion map of debate {self.debate_id} ({self.computed_at:%Y-%m-%d %H:%M})"
