import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.models import Searchable


class Kind(models.TextChoices):
    PUBLIC_EVENT = "public_event", _("Public event")
    COCREATION = "cocreation", _("Co-creation space")
    WORKSHOP = "workshop", _("Workshop")
    FRONT_SESSION = "front_session", _("Work-front session")


class Audience(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    FRONT_MEMBERS = "front_members", _("Members of the work front only")


class Event(Searchable):
    """Something that happens at a time and place (or online) and people may register for."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PUBLIC_EVENT)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=6000)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place_name = models.CharField(_("place"), max_length=160, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    upz = models.ForeignKey(
        "territory.Upz", verbose_name=_("UPZ or rural zone"), on_delete=models.PROTECT, null=True, blank=True
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=0, help_text=_("0 means no limit."))
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.OPEN)
    # The work front whose members may register (fronts live in another app: an integer keeps the apps apart).
    front_id = models.PositiveIntegerField(null=True, blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="events"
    )
    accessibility_notes = models.TextField(_("accessibility notes"), max_length=2000, blank=True)
    registered_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:detail", args=[self.pk])

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def seats_left(self) -> int | None:
        return None if not self.capacity else max(self.capacity - self.registered_count, 0)


class Question(models.Model):
    """A question asked when registering (e.g. "¿Necesita intérprete de lengua de señas?")."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=200)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


def registration_code() -> str:
    return secrets.token_hex(5).upper()


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's seat (or place in the waiting list). Guests have no account: name and e-mail or phone."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED)
    code = models.CharField(max_length=12, unique=True, default=registration_code)
    answers = models.JSONField(default=dict, blank=True)  # {question text: answer}
    walk_in = models.BooleanField(default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="registration_one_active_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_name} · {self.event}"

    @property
    def display_name(self) -> str:
        return self.user.public_name if self.user_id else self.name

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email
