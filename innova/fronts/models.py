from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone joins at once")
    REQUEST = "request", _("By request: a coordinator approves")


class Front(models.Model):
    """A work front (frente de trabajo): people who meet to solve a set of problems of the locality."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(unique=True, max_length=140)
    theme = models.ForeignKey(
        "problems.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="fronts"
    )
    description = models.TextField(_("description"), max_length=4000)
    upzs = models.ManyToManyField("territory.Upz", verbose_name=_("UPZ scope"), related_name="fronts", blank=True)
    cover = models.ImageField(upload_to="frentes/", blank=True)
    cover_alt = models.CharField(_("description of the cover image"), max_length=200, blank=True)
    join_policy = models.CharField(
        _("how people join"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    problems = models.ManyToManyField("problems.Problem", related_name="fronts", blank=True, through="FrontProblem")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("work front")
        verbose_name_plural = _("work fronts")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("fronts:detail", args=[self.slug])


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    ACTIVE = "active", _("Active")


class Membership(models.Model):
    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="front_memberships")
    role = models.CharField(max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER)
    status = models.CharField(max_length=10, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "created_at"]
        constraints = [models.UniqueConstraint(fields=["front", "user"], name="one_membership_per_front")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.front_id} ({self.role}, {self.status})"


class FrontProblem(models.Model):
    """A problem this front works on (linked by a coordinator)."""

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="problem_links")
    problem = models.ForeignKey("problems.Problem", on_delete=models.CASCADE, related_name="front_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["front", "problem"], name="one_link_per_front_problem")]

    def __str__(self) -> str:
        return f"{self.front_id} ↔ {self.problem_id}"


class FrontSession(models.Model):
    """A meeting of the front, in person or online; its minutes (acta) are published after it."""

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=140)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    minutes_published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fronts:session", args=[self.front.slug, self.pk])
