"""SMS and WhatsApp conversations with payloads in the providers' real formats."""

import hashlib
import hmac
import json

import pytest
from django.urls import reverse

from innova.core.testing import jpeg_with_gps
from innova.intake.models import Channel, Conversation, InboundMessage, OutboundMessage
from innova.intake.providers import MemoryBackend
from innova.intake.webhooks import twilio_signature
from innova.problems.models import Problem

# Replies leave on commit (Celery, eager here): these tests need real transactions.
pytestmark = pytest.mark.django_db(transaction=True)

SMS_TOKEN = "twilio-auth-token-de-prueba"
WA_SECRET = "whatsapp-app-secret-de-prueba"
PHONE = "+573101234567"


@pytest.fixture(autouse=True)
def providers(settings):
    settings.INNOVA_SMS_AUTH_TOKEN = SMS_TOKEN
    settings.INNOVA_WHATSAPP_APP_SECRET = WA_SECRET
    settings.INNOVA_WHATSAPP_VERIFY_TOKEN = "verificar-usme"
    settings.INNOVA_SMS_BACKEND = "innova.intake.providers.MemoryBackend"
    settings.INNOVA_WHATSAPP_BACKEND = "innova.intake.providers.MemoryBackend"
    MemoryBackend.outbox.clear()
    MemoryBackend.media.clear()
    yield


def sms(client, body, sid, phone=PHONE, signed=True, **extra):
    url = "http://testserver" + reverse("intake:sms_webhook")
    params = {"MessageSid": sid, "From": phone, "To": "+5760000000", "Body": body, "NumMedia": "0", **extra}
    headers = {"HTTP_X_TWILIO_SIGNATURE": twilio_signature(SMS_TOKEN, url, params)} if signed else {}
    return client.post(reverse("intake:sms_webhook"), params, **headers)


def replies_to(phone=PHONE):
    return [body for to, body in MemoryBackend.outbox if to == phone]


def whatsapp(client, message, secret=WA_SECRET):
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "576000000", "phone_number_id": "123"},
                            "contacts": [{"profile": {"name": "Vecina"}, "wa_id": message["from"]}],
                            "messages": [message],
                        },
                    }
                ],
            }
        ],
    }
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        reverse("intake:whatsapp_webhook"), body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature
    )


def test_full_sms_conversation_creates_one_problem_and_answers_status(client, official):
    assert sms(client, "Hola", "SM1").status_code == 200
    assert "SI o NO" in replies_to()[-1]
    sms(client, "si", "SM2")
    assert "qué está pasando" in replies_to()[-1]
    sms(client, "Hay un hueco enorme frente al colegio y se caen las motos", "SM3")
    assert "UPZ" in replies_to()[-1]
    sms(client, "Barrio Santa Librada", "SM4")
    assert "foto" in replies_to()[-1]
    sms(client, "no", "SM5")
    problem = Problem.objects.get()
    assert problem.channel == Channel.SMS and problem.upz.code == "57" and problem.anonymous
    assert problem.published_at is not None
    assert problem.reference in replies_to()[-1]
    # Status by reference code, after an official answer.
    from innova.problems.services import problem_answer

    problem_answer(actor=official, problem=problem, body="La UMV revisará el hueco el lunes.")
    sms(client, problem.reference.lower(), "SM6")
    assert "Reportado" in replies_to()[-1] and "La UMV revisará el hueco el lunes." in replies_to()[-1]
    # The phone is personal data: staff see it masked.
    conversation = Conversation.objects.get()
    assert conversation.masked_phone == "+57 3•• ••• •567"
    # Staff read where the conversation stands in Spanish, not the engine's internal state name.
    client.force_login(official)
    html = client.get(reverse("intake:index")).content.decode()
    assert "+57 3•• ••• •567 · terminada" in html and "· done" not in html


def test_sms_with_bad_or_missing_signature_is_refused_and_nothing_stored(client):
    assert sms(client, "Hola", "SMX", signed=False).status_code == 403
    url = reverse("intake:sms_webhook")
    forged = client.post(url, {"MessageSid": "SMY", "From": PHONE, "Body": "x"}, HTTP_X_TWILIO_SIGNATURE="abc")
    assert forged.status_code == 403
    assert not InboundMessage.objects.exists() and not Conversation.objects.exists()


def test_same_message_delivered_twice_makes_one_item(client):
    for sid, body in [
        ("SM1", "Hola"),
        ("SM2", "si"),
        ("SM3", "Basuras en la esquina del parque de Betania"),
        ("SM4", "57"),
        ("SM5", "no"),
        ("SM5", "no"),
    ]:
        sms(client, body, sid)
    assert Problem.objects.count() == 1
    assert InboundMessage.objects.count() == 5


def test_sender_who_declines_consent_leaves_nothing_personal(client):
    sms(client, "Hola, quiero reportar algo", "SM1")
    sms(client, "no", "SM2")
    assert "no guardamos nada" in replies_to()[-1].lower()
    assert not Conversation.objects.exists()
    assert not Problem.objects.exists()
    assert not OutboundMessage.objects.filter(to=PHONE).exists()  # replies sent, then the number is masked


def test_full_whatsapp_conversation_with_location_and_photo(client):
    sender = "573209876543"
    MemoryBackend.media["MEDIA-1"] = jpeg_with_gps().read()
    base = {"from": sender, "timestamp": "1732450000"}
    whatsapp(client, {**base, "id": "wamid.1", "type": "text", "text": {"body": "Buenas"}})
    whatsapp(client, {**base, "id": "wamid.2", "type": "text", "text": {"body": "Sí"}})
    whatsapp(
        client, {**base, "id": "wamid.3", "type": "text", "text": {"body": "Se está cayendo el muro del salón comunal"}}
    )
    # A location outside Usme is refused, as on the web.
    whatsapp(client, {**base, "id": "wamid.4", "type": "location", "location": {"latitude": 4.65, "longitude": -74.06}})
    assert "fuera de Usme" in replies_to("+" + sender)[-1]
    # A point inside UPZ 58 Comuneros (the one deepest inside its official boundary).
    whatsapp(
        client, {**base, "id": "wamid.5", "type": "location", "location": {"latitude": 4.4997, "longitude": -74.1148}}
    )
    whatsapp(client, {**base, "id": "wamid.6", "type": "image", "image": {"id": "MEDIA-1", "mime_type": "image/jpeg"}})
    whatsapp(client, {**base, "id": "wamid.6", "type": "image", "image": {"id": "MEDIA-1", "mime_type": "image/jpeg"}})
    problem = Problem.objects.get()
    assert problem.channel == Channel.WHATSAPP
    assert problem.upz.code == "58" and problem.latitude == pytest.approx(4.4997)
    photo = problem.photos.get()
    from PIL import Image

    with Image.open(photo.image.path) as image:
        assert not image.getexif()
    assert problem.reference in replies_to("+" + sender)[-1]


def test_whatsapp_bad_signature_and_verification_handshake(client):
    url = reverse("intake:whatsapp_webhook")
    ok = client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "verificar-usme", "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    assert (
        client.get(url, {"hub.mode": "subscribe", "hub.verify_token": "otro", "hub.challenge": "1"}).status_code == 403
    )
    message = {"from": "573209876543", "id": "wamid.9", "type": "text", "text": {"body": "Hola"}}
    assert whatsapp(client, message, secret="otro-secreto").status_code == 403
    assert client.post(url, b"{}", content_type="application/json").status_code == 403
    assert not InboundMessage.objects.exists()


def test_unknown_reference_and_status_without_consent_keep_nothing(client, make_problem):
    problem = make_problem()
    sms(client, problem.reference, "SM1", phone="+573150000000")
    assert problem.title[:30] in replies_to("+573150000000")[-1]
    sms(client, "USM-99999", "SM2", phone="+573150000000")
    assert "No encontramos" in replies_to("+573150000000")[-1]
    assert not Conversation.objects.exists()
