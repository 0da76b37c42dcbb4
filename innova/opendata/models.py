import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def _new_key() -> str:
    """A new random key (also named by migration 0001, from when the key itself was stored)."""
    return secrets.token_hex(20)


def key_digest(key: str) -> str:
    """What is stored of an API key: its SHA-256. A random 160-bit key needs no salt nor a slow hash."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal key for the public API: requests that carry it get the higher rate limit of a known user.

    Read-only use needs no key. Issued by administrators in the admin; deleting the account deletes its keys.
    Only a digest of the key is stored, so a copy of the database (a backup, a leak) holds no usable key: the
    key itself exists only on the instance that issued it (``.key``), shown once to whoever issued it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)  # to recognise a key in a list
    label = models.CharField(_("label"), max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    key = ""  # the plain key: set only on the instance that issued it, never stored

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return self.label or f"{self.user_id} · {self.prefix}…"

    def save(self, *args, **kwargs):
        if not self.digest:
            self.key = _new_key()
            self.digest = key_digest(self.key)
            self.prefix = self.key[:6]
        super().save(*args, **kwargs)


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
