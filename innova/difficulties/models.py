from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from innova.core.models import StatusChangeBase


class DifficultyKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    BUDGET = "budget", _("Budget")
    REGULATORY = "regulatory", _("Regulatory")
    SOCIAL = "social", _("Social")
    INSTITUTIONAL = "institutional", _("Institutional")
    ENVIRONMENTAL = "environmental", _("Environmental")


class DifficultyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("difficulty status", "Open")
    MITIGATING = "mitigating", pgettext_lazy("difficulty status", "Being mitigated")
    RESOLVED = "resolved", pgettext_lazy("difficulty status", "Resolved")
    ACCEPTED = "accepted", pgettext_lazy("difficulty status", "Accepted")


# The only steps allowed: abierta → en mitigación → resuelta | aceptada.
TRANSITIONS = {
    DifficultyStatus.OPEN: [DifficultyStatus.MITIGATING],
    DifficultyStatus.MITIGATING: [DifficultyStatus.RESOLVED, DifficultyStatus.ACCEPTED],
    DifficultyStatus.RESOLVED: [],
    DifficultyStatus.ACCEPTED: [],
}
ACTIVE_STATUSES = [DifficultyStatus.OPEN, DifficultyStatus.MITIGATING]

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Difficulty(models.Model):
    """Something that threatens a work front or a proposal: how likely, how bad, who watches it, what is done."""

    title = models.CharField(_("difficulty"), max_length=160)
    description = models.TextField(_("description"), max_length=3000)
    kind = models.CharField(_("type"), max_length=20, choices=DifficultyKind.choices)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_difficulties",
    )
    mitigation = models.TextField(_("mitigation plan"), max_length=3000, blank=True)
    status = models.CharField(
        max_length=12, choices=DifficultyStatus.choices, default=DifficultyStatus.OPEN, db_index=True
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    # The review date the owner was last told was overdue: each overdue date is notified once.
    review_notified_for = models.DateField(null=True, blank=True)
    front = models.ForeignKey(
        "fronts.Front",
        verbose_name=_("work front"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="difficulties",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="difficulties",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("difficulty")
        verbose_name_plural = _("difficulties")
        constraints = [
            models.CheckConstraint(condition=models.Q(likelihood__gte=1, likelihood__lte=5), name="likelihood_1_5"),
            models.CheckConstraint(condition=models.Q(impact__gte=1, impact__lte=5), name="impact_1_5"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("difficulties:detail", kwargs={"pk": self.pk})

    @property
    def severity(self) -> int:
        return self.likelihood * self.impact

    @property
    def band(self) -> str:
        """Colour band of the risk matrix (a CSS class: CSP forbids inline styles)."""
        return severity_band(self.likelihood, self.impact)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


def severity_band(likelihood: int, impact: int) -> str:
    score = likelihood * impact
    if score >= 15:
        return "band-high"
    if score >= 8:
        return "band-medium"
    return "band-low"


class DifficultyStatusChange(StatusChangeBase):
    """The public history of a difficulty's status, with the reason of each step."""

    subject_field = "difficulty"
    difficulty = models.ForeignKey(Difficulty, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=DifficultyStatus.choices)
    to_status = models.CharField(max_length=12, choices=DifficultyStatus.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
