"""Provider payloads are validated before anything happens: a wrong shape is a 400 in JSON, never a 500, and a
message without an id is still received (issue #18.13)."""

import hashlib
import hmac
import json

import pytest
from django.urls import reverse

from innova.intake.models import InboundMessage
from innova.intake.tests.test_channels import (
    PHONE,
    WA_SECRET,
    providers,  # noqa: F401 - autouse: signed providers, memory outbox
    replies_to,
    sms,
    whatsapp,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_whatsapp(client, payload):
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(WA_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        reverse("intake:whatsapp_webhook"), body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )


def _one_message(message):
    return {"entry": [{"changes": [{"value": {"messages": [message]}}]}]}


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"entry": 5},
        {"entry": [{"changes": "no"}]},
        _one_message({"from": "573101234567", "id": "w1", "type": "location"}),
        _one_message({"from": "573101234567", "id": "w2", "type": "location", "location": {"longitude": 1}}),
    ],
    ids=["list", "entry-number", "changes-text", "location-missing", "location-without-latitude"],
)
def test_hardening_13_signed_whatsapp_payload_with_a_wrong_shape_is_a_400_in_json(client, payload):
    response = _signed_whatsapp(client, payload)
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
    assert not InboundMessage.objects.exists()


def test_hardening_13_a_well_formed_whatsapp_location_still_works(client):
    message = {
        "from": "573101234567",
        "id": "wamid.L1",
        "type": "location",
        "location": {"latitude": 4.48, "longitude": -74.12},
    }
    assert whatsapp(client, message).status_code == 200
    assert InboundMessage.objects.filter(provider_id="wamid.L1").exists()


def test_hardening_13_sms_without_message_id_are_each_received(client):
    sms(client, "Hola", "")
    sms(client, "si", "")
    assert InboundMessage.objects.count() == 2
    assert "qué está pasando" in replies_to(PHONE)[-1]


def test_hardening_13_sms_without_sender_is_a_400_in_json(client):
    response = sms(client, "Hola", "SMX", phone="")
    assert response.status_code == 400
    assert response.json()["status"] == "invalid"
