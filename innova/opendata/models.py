import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _new_key() -> str:
    return secrets.token_hex(20)


class ApiToken(models.Model):
    """A personal key for the public API: requests that carry it get the higher rate limit of a known user.

    Read-only use needs no key. Issued by administrators in the admin; deleting the account deletes its keys.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key = models.CharField(max_length=40, unique=True, default=_new_key, editable=False)
    label = models.CharField(_("label"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return self.label or f"{self.user_id} · {self.key[:6]}…"


class Export(models.Model):
    """One generation of the open-data files (CSV, JSON and datapackage.json) in media storage."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    folder = models.CharField(max_length=200, blank=True)  # media path holding the files
    row_counts = models.JSONField(default=dict, blank=True)  # dataset name → rows

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.folder or str(self.started_at)
