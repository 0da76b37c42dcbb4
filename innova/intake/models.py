from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    IN_PERSON = "in_person", _("In-person point")


def mask_phone(phone: str) -> str:
    """What staff see of a phone number: +57 3•• ••• •421."""
    digits = [c for c in phone if c.isdigit()]
    if len(digits) < 6:
        return "•••"
    return f"+{''.join(digits[:2])} {digits[2]}•• ••• •{''.join(digits[-3:])}"


# What staff read for each step of ``intake.conversation`` (the state itself is an internal identifier).
CONVERSATION_STATE_LABELS = {
    "start": _("just started"),
    "consent": _("waiting for consent"),
    "what": _("asking what happens"),
    "where": _("asking where"),
    "photo": _("waiting for a photo"),
    "done": _("finished"),
}


class Conversation(models.Model):
    """One guided conversation with a sender on SMS or WhatsApp, driven by ``intake.conversation``."""

    channel = models.CharField(max_length=20, choices=Channel.choices)
    # Personal data: kept only while the conversation runs or after the sender consents; staff see it masked.
    phone = models.CharField(max_length=32, db_index=True)
    state = models.CharField(max_length=20, default="start")
    data = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="conversations"
    )
    problem = models.ForeignKey("problems.Problem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    consented_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.masked_phone} ({self.state})"

    @property
    def state_label(self) -> str:
        return CONVERSATION_STATE_LABELS.get(self.state, self.state)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class InboundMessage(models.Model):
    """A provider's message, stored once: providers retry, and the same id must never create two reports."""

    channel = models.CharField(max_length=20, choices=Channel.choices)
    provider_id = models.CharField(max_length=120)
    conversation = models.ForeignKey(Conversation, null=True, on_delete=models.SET_NULL, related_name="inbound")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["channel", "provider_id"], name="inbound_once_per_provider_id")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.provider_id}"


class OutboundMessage(models.Model):
    channel = models.CharField(max_length=20, choices=Channel.choices)
    to = models.CharField(max_length=32)
    body = models.TextField()
    conversation = models.ForeignKey(Conversation, null=True, on_delete=models.SET_NULL, related_name="outbound")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"→ {mask_phone(self.to)}: {self.body[:40]}"


class PaperConsent(models.Model):
    """An in-person report: the resident consented on paper; the facilitator who entered it is recorded."""

    problem = models.OneToOneField("problems.Problem", on_delete=models.CASCADE, related_name="paper_consent")
    facilitator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resident_name = models.CharField(_("resident's name"), max_length=120, blank=True)
    point = models.CharField(_("attention point"), max_length=120)
    form_number = models.CharField(_("paper form number"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.point} #{self.form_number}"
