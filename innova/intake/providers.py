"""Adapters to messaging providers, chosen by settings like Django's e-mail backends.

INNOVA_SMS_BACKEND / INNOVA_WHATSAPP_BACKEND name a class with ``send(to, body)`` and ``download_media(ref)``.
The embedded default writes outbound messages to the log (console) and downloads nothing.
"""

import base64
import json
import logging
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("innova.intake")


class ConsoleBackend:
    """Embedded default: prints what would be sent."""

    sent: list[tuple[str, str]] = []

    def send(self, to: str, body: str) -> None:
        logger.info("outbound message to %s: %s", to[:-4] + "••••", body)

    def download_media(self, ref: str) -> bytes | None:
        return None


class MemoryBackend(ConsoleBackend):
    """For tests: keeps messages in memory and serves media registered with ``add_media``."""

    outbox: list[tuple[str, str]] = []
    media: dict[str, bytes] = {}

    def send(self, to: str, body: str) -> None:
        MemoryBackend.outbox.append((to, body))

    def download_media(self, ref: str) -> bytes | None:
        return MemoryBackend.media.get(ref)


class TwilioBackend:
    """Twilio-compatible SMS API: INNOVA_SMS_ACCOUNT_SID, INNOVA_SMS_AUTH_TOKEN, INNOVA_SMS_FROM."""

    def send(self, to: str, body: str) -> None:
        sid = settings.INNOVA_SMS_ACCOUNT_SID
        url = f"{settings.INNOVA_SMS_API_BASE}/2010-04-01/Accounts/{sid}/Messages.json"
        data = urllib.parse.urlencode({"To": to, "From": settings.INNOVA_SMS_FROM, "Body": body}).encode()
        request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310 - configured https URL
        token = base64.b64encode(f"{sid}:{settings.INNOVA_SMS_AUTH_TOKEN}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        urllib.request.urlopen(request, timeout=15).read()  # noqa: S310 - configured API URL  # nosec B310

    def download_media(self, ref: str) -> bytes | None:
        sid = settings.INNOVA_SMS_ACCOUNT_SID
        request = urllib.request.Request(ref)  # noqa: S310 - Twilio media URL from a signed webhook
        token = base64.b64encode(f"{sid}:{settings.INNOVA_SMS_AUTH_TOKEN}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        return urllib.request.urlopen(request, timeout=30).read()  # noqa: S310 - URL from a signed webhook  # nosec B310


class WhatsAppCloudBackend:
    """WhatsApp Business Cloud API: INNOVA_WHATSAPP_TOKEN, INNOVA_WHATSAPP_PHONE_NUMBER_ID."""

    def _request(self, url: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(url, data=data, method="POST" if data else "GET")  # noqa: S310
        request.add_header("Authorization", f"Bearer {settings.INNOVA_WHATSAPP_TOKEN}")
        if data:
            request.add_header("Content-Type", "application/json")
        return urllib.request.urlopen(request, timeout=30).read()  # noqa: S310 - configured https URL  # nosec B310

    def send(self, to: str, body: str) -> None:
        url = f"{settings.INNOVA_WHATSAPP_API_BASE}/{settings.INNOVA_WHATSAPP_PHONE_NUMBER_ID}/messages"
        self._request(url, {"messaging_product": "whatsapp", "to": to, "type": "text", "text": {"body": body}})

    def download_media(self, ref: str) -> bytes | None:
        meta = json.loads(self._request(f"{settings.INNOVA_WHATSAPP_API_BASE}/{ref}"))
        return self._request(meta["url"])


def backend_for(channel: str):
    path = settings.INNOVA_WHATSAPP_BACKEND if channel == "whatsapp" else settings.INNOVA_SMS_BACKEND
    return import_string(path)()
