"""The shapes of the providers' webhook payloads, validated before anything is stored.

A signed request can still carry a shape we do not expect (a provider's change, a replayed test payload): the
views answer 400 with the serializer's errors instead of failing half-way with a 500. Text fields are DRF
``CharField``s, so they also lose bidirectional controls and NUL (``core.text.clean_user_text``). A message
without a provider id gets a unique synthetic one: it is received once, and never taken for a retry of another.
"""

import uuid
from dataclasses import dataclass

from rest_framework import serializers


@dataclass(frozen=True)
class Message:
    provider_id: str
    phone: str
    text: str = ""
    location: tuple[float, float] | None = None
    media: str | None = None


def synthetic_id() -> str:
    return f"sin-id-{uuid.uuid4().hex}"


class SmsSerializer(serializers.Serializer):
    """Twilio's inbound SMS webhook (form-encoded)."""

    MessageSid = serializers.CharField(required=False, allow_blank=True, max_length=100)
    From = serializers.CharField(max_length=40)
    Body = serializers.CharField(required=False, allow_blank=True, default="")
    NumMedia = serializers.IntegerField(required=False, min_value=0, default=0)
    MediaUrl0 = serializers.URLField(required=False, allow_blank=True, max_length=2000)

    def message(self) -> Message:
        data = self.validated_data
        return Message(
            provider_id=data.get("MessageSid") or synthetic_id(),
            phone=data["From"],
            text=data["Body"],
            media=(data.get("MediaUrl0") or None) if data["NumMedia"] else None,
        )


class _WhatsAppText(serializers.Serializer):
    body = serializers.CharField(allow_blank=True)


class _WhatsAppLocation(serializers.Serializer):
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)


class _WhatsAppImage(serializers.Serializer):
    id = serializers.CharField(max_length=200)
    caption = serializers.CharField(required=False, allow_blank=True, default="")


class _WhatsAppMessage(serializers.Serializer):
    id = serializers.CharField(required=False, allow_blank=True, max_length=100)
    type = serializers.CharField(max_length=40)
    text = _WhatsAppText(required=False)
    location = _WhatsAppLocation(required=False)
    image = _WhatsAppImage(required=False)

    def get_fields(self):
        fields = super().get_fields()
        # "from" is a Python keyword, so it cannot be a class attribute. Meta sends the number without "+".
        fields["from"] = serializers.CharField(max_length=40)
        return fields

    def validate(self, data):
        kind = data["type"]
        if kind in {"text", "location", "image"} and kind not in data:
            raise serializers.ValidationError({kind: "This field is required for this message type."})
        return data


class _WhatsAppValue(serializers.Serializer):
    messages = _WhatsAppMessage(many=True, required=False, default=list)


class _WhatsAppChange(serializers.Serializer):
    value = _WhatsAppValue(required=False, default=dict)


class _WhatsAppEntry(serializers.Serializer):
    changes = _WhatsAppChange(many=True, required=False, default=list)


class WhatsAppSerializer(serializers.Serializer):
    """Meta's WhatsApp Cloud API webhook (JSON): entries → changes → value → messages. Status updates and other
    fields carry no messages and are accepted and ignored."""

    entry = _WhatsAppEntry(many=True, required=False, default=list)

    def messages(self) -> list[Message]:
        found = []
        for entry in self.validated_data["entry"]:
            for change in entry["changes"]:
                for message in change.get("value", {}).get("messages", []):
                    found.append(_whatsapp_message(message))
        return found


def _whatsapp_message(message: dict) -> Message:
    kind = message["type"]
    text, location, media = "", None, None
    if kind == "text":
        text = message["text"]["body"]
    elif kind == "location":
        location = (message["location"]["latitude"], message["location"]["longitude"])
    elif kind == "image":
        media, text = message["image"]["id"], message["image"]["caption"]
    return Message(
        provider_id=message.get("id") or synthetic_id(),
        phone="+" + message["from"].lstrip("+"),
        text=text,
        location=location,
        media=media,
    )
