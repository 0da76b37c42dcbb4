from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Hideable(models.Model):
    """Content that moderation can hide (``core.moderation``): hidden, it leaves every page, list, export and count."""

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Searchable(models.Model):
    """Content the site search finds: accent-folded words and Spanish stems (``core.participation.search_fields``),
    written by the app's services on every create and edit. On PostgreSQL a generated ``search_vector`` column
    follows ``search_text`` (``core.search_index``, added by each app's migration)."""

    search_text = models.TextField(blank=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True


class SupportBase(models.Model):
    """One person's support of one object; the subclass adds the object (named in ``supported_field``), the
    ``user`` (with its own reverse name) and the unique constraint on (object, user) that
    ``core.participation.support_set`` relies on."""

    supported_field = ""
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.user_id} → {getattr(self, self.supported_field + '_id')}"


class StatusChangeBase(models.Model):
    """One step of an object's public status history: who moved it, when and why. The subclass adds the object
    (``subject_field``) and ``from_status`` / ``to_status`` with its own choices."""

    subject_field = ""
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{getattr(self, self.subject_field + '_id')}: {self.from_status} → {self.to_status}"


class AuditEntry(models.Model):
    """A staff action kept for accountability: who did what to which object, when and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"


class ContactMessage(models.Model):
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=160)
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")

    def __str__(self) -> str:
        return self.subject
