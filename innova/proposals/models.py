import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.models import Hideable, Searchable, StatusChangeBase, SupportBase


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    IN_STUDY = "in_study", _("In study")
    VIABLE = "viable", _("Viable")
    NOT_VIABLE = "not_viable", _("Not viable")
    PROTOTYPE = "prototype", _("In prototype")
    IMPLEMENTED = "implemented", _("Implemented")
    EVALUATED = "evaluated", _("Evaluated")


# The lifecycle after publishing, moved by staff one step at a time; not viable and evaluated are final.
# Draft → published is the authors' own step (proposal_publish).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.DRAFT: (),
    Status.PUBLISHED: (Status.IN_STUDY,),
    Status.IN_STUDY: (Status.VIABLE, Status.NOT_VIABLE),
    Status.VIABLE: (Status.PROTOTYPE,),
    Status.NOT_VIABLE: (),
    Status.PROTOTYPE: (Status.IMPLEMENTED,),
    Status.IMPLEMENTED: (Status.EVALUATED,),
    Status.EVALUATED: (),
}
# Viable or not viable is the Mayor's Office's answer to the proposal.
ANSWERS = {Status.VIABLE, Status.NOT_VIABLE}


class Origin(models.TextChoices):
    PROBLEM = "problem", _("A problem")
    CARD = "card", _("A brainstorm card")
    IDEA = "idea", _("The open idea box")
    NEW = "new", _("New")


class Proposal(Hideable, Searchable):
    title = models.CharField(_("title"), max_length=140)
    summary = models.TextField(_("summary"), max_length=500)
    solution = models.TextField(_("solution"), max_length=6000)
    expected_impact = models.TextField(_("expected impact"), max_length=3000, blank=True)
    problems = models.ManyToManyField(
        "problems.Problem", verbose_name=_("problems addressed"), related_name="proposals", blank=True
    )
    beneficiary_upzs = models.ManyToManyField(
        "territory.Upz", verbose_name=_("UPZ that benefit"), related_name="proposals", blank=True
    )
    beneficiary_groups = models.CharField(_("groups that benefit"), max_length=300, blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (pesos)"), null=True, blank=True)
    resources = models.TextField(_("resources needed"), max_length=3000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    coauthors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="coauthored_proposals", blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.NEW)
    # A brainstorm card (innova.brainstorms) the proposal came from. A plain id, not a foreign key: brainstorms sit
    # above proposals and create them; brainstorms registers the link back (``proposals.extensions``).
    source_card_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_idea = models.ForeignKey(
        "proposals.Idea", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    answer_due_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)  # null while a draft
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["-support_count", "-id"], name="proposal_supported_idx"),
            models.Index(fields=["-published_at", "-id"], name="proposal_newest_idx"),
            models.Index(fields=["-comment_count", "-id"], name="proposal_discussed_idx"),
            # The staff's "awaiting an official answer" page: a handful of rows among 100,000, found without a scan.
            models.Index(
                fields=["answer_due_at"],
                name="proposal_pending_answer_idx",
                condition=models.Q(answer_due_at__isnull=False, answered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def reference(self) -> str:
        return f"PRO-{self.pk:04d}"


class Support(SupportBase):
    supported_field = "proposal"
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_supports")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="one_proposal_support_per_person")]


class StatusChange(StatusChangeBase):
    """The public history of a proposal: who moved it, when, and why."""

    subject_field = "proposal"
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)


class Version(models.Model):
    """The proposal's text as published and after every later edit; consecutive versions are shown as a diff."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_version_number_per_proposal")]

    def __str__(self) -> str:
        return f"{self.proposal_id} v{self.number}"


class Invitation(models.Model):
    """An author invites someone by e-mail to co-author; the invitee accepts with the link (and an account)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["proposal", "email"], name="one_invitation_per_email")]

    def __str__(self) -> str:
        return f"{self.email} → {self.proposal_id}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None


class IdeaStatus(models.TextChoices):
    NEW = "new", _("Waiting to be read")
    PROBLEM = "problem", _("Became a problem")
    PROPOSAL = "proposal", _("Became a proposal draft")
    ARCHIVED = "archived", _("Archived")


class Idea(models.Model):
    """The open idea box: any creative opinion, in one field; anonymous allowed. Facilitators triage each one."""

    body = models.TextField(_("your idea"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    # Whoever sent it (with or without an account) follows it with this private link.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.NEW, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    problem = models.ForeignKey(
        "problems.Problem", null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        return reverse("ideas:track", args=[self.token])
