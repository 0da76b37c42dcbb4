from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.files import private_storage
from innova.core.models import Hideable, Searchable, StatusChangeBase, SupportBase


class Theme(models.Model):
    """A theme of problems (movilidad, seguridad…); administrators edit the list in the admin."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=80)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    REPORTED = "reported", _("Reported")
    IN_REVIEW = "in_review", _("In review")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")
    DUPLICATE = "duplicate", _("Duplicate")
    ASSIGNED = "assigned", _("Assigned to a work front")
    IN_PROGRESS = "in_progress", _("Being solved")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


# The workflow: which status may follow which. Rejected, duplicate, resolved and closed are final.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.REPORTED: (Status.IN_REVIEW, Status.REJECTED, Status.DUPLICATE),
    Status.IN_REVIEW: (Status.VALIDATED, Status.REJECTED, Status.DUPLICATE),
    Status.VALIDATED: (Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSED),
    Status.ASSIGNED: (Status.IN_PROGRESS, Status.CLOSED),
    Status.IN_PROGRESS: (Status.RESOLVED, Status.CLOSED),
    Status.REJECTED: (),
    Status.DUPLICATE: (),
    Status.RESOLVED: (),
    Status.CLOSED: (),
}
REASON_REQUIRED = {Status.REJECTED, Status.DUPLICATE, Status.CLOSED}


class Problem(Hideable, Searchable):
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=4000)
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="problems")
    upz = models.ForeignKey(
        "territory.Upz", verbose_name=_("UPZ or rural zone"), on_delete=models.PROTECT, related_name="problems"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # The barrio or address in words: private, like the exact point (only staff allowed to see places read it).
    place_description = models.CharField(_("barrio or address"), max_length=200, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="problems")
    # Published as "Vecino/a de Usme": the public never sees the author; moderators do.
    anonymous = models.BooleanField(_("publish as “Vecino/a de Usme”"), default=False)
    # The verified role of the author when reporting (officials and contractors are shown as such).
    author_role_label = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=20, default="web")
    # Set by the offline web app: a report sent again after a lost connection is recognised, never duplicated.
    client_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REPORTED, db_index=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    # Set when the support threshold is reached: the official answer is due by then (working days).
    answer_due_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)  # null while a draft awaits review
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        indexes = [
            models.Index(fields=["-support_count", "-id"], name="problem_supported_idx"),
            models.Index(fields=["-published_at", "-id"], name="problem_newest_idx"),
            models.Index(fields=["-comment_count", "-id"], name="problem_discussed_idx"),
            models.Index(fields=["upz", "theme", "status"], name="problem_filters_idx"),
            # The staff's "awaiting an official answer" page: a handful of rows among 100,000, found without a scan.
            models.Index(
                fields=["answer_due_at"],
                name="problem_pending_answer_idx",
                condition=models.Q(answer_due_at__isnull=False, answered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("problems:detail", args=[self.pk])

    @property
    def public_author(self) -> str:
        if self.anonymous:
            return "Vecino/a de Usme"
        return self.author.public_name

    @property
    def reference(self) -> str:
        """The short code residents quote by SMS, WhatsApp or at an attention point."""
        return f"USM-{self.pk:04d}"

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def photo_path(instance, filename: str) -> str:
    return f"problemas/{instance.problem_id}/{filename}"


class ProblemPhoto(models.Model):
    """A photo of a problem. Its files are private: served by ``problems.views.photo`` only while the problem's page
    may be seen (``selectors.problem_readable``), so hiding or deleting the problem takes them off the web."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=photo_path, storage=private_storage)
    thumbnail = models.ImageField(upload_to=photo_path, storage=private_storage)
    alt_text = models.CharField(_("description of the photo"), max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("problems:photo", args=[self.problem_id, self.pk])

    @property
    def thumbnail_url(self) -> str:
        return reverse("problems:photo_thumbnail", args=[self.problem_id, self.pk])


class Support(SupportBase):
    """ "A mí también me afecta": one per person and problem, enforced by the database."""

    supported_field = "problem"
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="problem_supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["problem", "user"], name="one_support_per_person")]


class StatusChange(StatusChangeBase):
    """The public history of a problem: who moved it, when, and why."""

    subject_field = "problem"
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)


class OfficialAnswer(models.Model):
    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role_label = models.CharField(max_length=200, blank=True)
    body = models.TextField(_("answer"), max_length=6000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.body[:60]
