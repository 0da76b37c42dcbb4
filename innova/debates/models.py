from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DebateStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Debate(models.Model):
    """A question put to the locality, opened by a facilitator or an official and closed with a conclusion.

    Arguments and comments may attach to it later; the opinion map (``innova.opinions``) is optional per debate.
    """

    title = models.CharField(_("question"), max_length=200)
    context = models.TextField(_("context"), max_length=4000, blank=True)
    status = models.CharField(max_length=10, choices=DebateStatus.choices, default=DebateStatus.OPEN, db_index=True)
    conclusion = models.TextField(_("conclusion"), max_length=4000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="debates")
    # The work front the debate belongs to; a plain integer until the fronts app lands.
    front_id = models.PositiveIntegerField(null=True, blank=True)
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
