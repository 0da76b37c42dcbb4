from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.models import Hideable, Searchable, SupportBase


class DebateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Debate(Hideable, Searchable):
    """A question put to the locality, opened by a facilitator or an official and closed with a conclusion.

    Arguments and comments may attach to it later; the opinion map (``innova.opinions``) is optional per debate.
    """

    title = models.CharField(_("question"), max_length=200)
    context = models.TextField(_("context"), max_length=4000, blank=True)
    status = models.CharField(max_length=10, choices=DebateStatus.choices, default=DebateStatus.OPEN, db_index=True)
    conclusion = models.TextField(_("conclusion"), max_length=4000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="debates")
    # The work front the debate belongs to (fronts sit below debates: a real foreign key pointing down).
    front = models.ForeignKey("fronts.Front", null=True, blank=True, on_delete=models.SET_NULL, related_name="debates")
    # The problems this debate is about: the debate shows in each problem's public trail.
    problems = models.ManyToManyField(
        "problems.Problem", blank=True, related_name="debates", verbose_name=_("problems")
    )
    has_opinion_map = models.BooleanField(_("opinion map"), default=True)
    allow_anonymous_opinions = models.BooleanField(_("allow voting without an account"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("debate")
        verbose_name_plural = _("debates")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("debates:detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == DebateStatus.OPEN

    @property
    def comments_closed(self) -> bool:
        """Read by the shared comment component: a closed debate takes no new comments."""
        return not self.is_open

    @property
    def author(self):
        return self.created_by


class ArgumentSide(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")


class Argument(Hideable):
    """A reason for or against the debate's question, supported by people (one support each)."""

    debate = models.ForeignKey(Debate, on_delete=models.CASCADE, related_name="arguments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="debate_arguments")
    side = models.CharField(_("side"), max_length=10, choices=ArgumentSide.choices)
    body = models.TextField(_("argument"), max_length=1000)
    support_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-support_count", "created_at"]
        indexes = [models.Index(fields=["debate", "side", "support_count"])]
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return f"{self.debate.get_absolute_url()}#argumento-{self.pk}"


class ArgumentSupport(SupportBase):
    supported_field = "argument"
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="argument_supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["argument", "user"], name="one_support_per_person_and_argument")]


class DebateRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class DebateRequest(models.Model):
    """A citizen asks for a debate; a facilitator opens it (accept) or explains why not (decline)."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="debate_requests")
    title = models.CharField(_("question"), max_length=200)
    context = models.TextField(_("why it matters"), max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=DebateRequestStatus.choices, default=DebateRequestStatus.PENDING, db_index=True
    )
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    debate = models.ForeignKey(Debate, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("debate request")
        verbose_name_plural = _("debate requests")

    def __str__(self) -> str:
        return self.title
