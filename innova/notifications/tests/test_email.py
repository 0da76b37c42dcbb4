"""E-mail: Spanish HTML + text, per-kind unsubscribe without logging in (tamper-proof), retries without duplicates."""

import smtplib
from urllib.parse import urlparse

import pytest
from django.core import mail, signing
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from innova.notifications import tasks
from innova.notifications.models import EmailDelivery, Frequency, Notification, Preference
from innova.notifications.services.delivery import email_delivery_send
from innova.notifications.services.emit import notification_emit
from innova.notifications.services.preferences import (
    ALL_KINDS,
    UNSUBSCRIBE_SALT,
    unsubscribe_token,
    unsubscribe_token_read,
)

pytestmark = pytest.mark.django_db


def link_path(url: str) -> str:
    return urlparse(url).path


def test_the_email_is_spanish_html_and_text_with_links(make_user, make_problem, official, emit):
    person = make_user("citizen", display_name="Marleny")
    problem = make_problem(title="Hueco en la vía a Usme Pueblo")
    emit(kind="problem_answered", recipients=[person], target=problem, actor=official)
    [message] = mail.outbox
    assert (
        message.subject
        == "[Usme Innova] Un problema que usted sigue recibió respuesta oficial: Hueco en la vía a Usme Pueblo."
    )
    assert "Hola, Marleny:" in message.body
    assert "http://127.0.0.1:8000" + problem.get_absolute_url() in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Ver en Usme Innova" in html and 'lang="es-CO"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/notificaciones/baja/") and unsubscribe.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Dejar de recibir correos sobre «Respuesta oficial" in message.body


def test_unsubscribe_link_works_without_logging_in_and_only_for_that_kind(client, make_user, emit):
    person = make_user("citizen")
    emit(kind="mentioned", recipients=[person])
    url = link_path(mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>"))
    page = client.get(url)
    assert page.status_code == 200 and "¿Dejar de recibir correos sobre" in page.content.decode()
    assert person.email not in page.content.decode() and "•••@prueba.usme.co" in page.content.decode()
    assert not Preference.objects.filter(user=person).exists()  # GET changes nothing (link scanners)
    done = client.post(url)
    assert done.status_code == 200 and "Listo" in done.content.decode()
    assert Preference.objects.get(user=person, kind="mentioned").email == Frequency.OFF
    assert client.post(url).status_code == 200  # idempotent
    mail.outbox.clear()
    emit(kind="mentioned", recipients=[person], dedupe_key="second")
    emit(kind="role_verified", recipients=[person])
    assert [m.subject for m in mail.outbox] == ["[Usme Innova] Su rol fue verificado: ."]
    assert Notification.objects.filter(recipient=person, kind="mentioned").count() == 2  # still under the bell


def test_one_click_unsubscribe_from_the_mail_client(make_user):
    person = make_user("citizen")
    token = unsubscribe_token(user=person, kind=ALL_KINDS)
    mail_client = Client(enforce_csrf_checks=True)  # a mail client has no CSRF cookie
    response = mail_client.post(reverse("notifications:unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert set(Preference.objects.filter(user=person).values_list("email", flat=True)) == {Frequency.OFF}


def test_the_confirmation_form_is_csrf_protected(make_user):
    person = make_user("citizen")
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(user=person, kind="mentioned")])
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(url).status_code == 403
    assert not Preference.objects.exists()
    page = browser.get(url)
    csrf = page.context["csrf_token"]
    assert browser.post(url, {"csrfmiddlewaretoken": str(csrf)}).status_code == 200
    assert Preference.objects.get(user=person, kind="mentioned").email == Frequency.OFF


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token, other: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # altered signature
        lambda token, other: signing.dumps({"u": other.pk, "k": "mentioned"}, salt="another-salt", compress=True),
        lambda token, other: signing.dumps({"u": other.pk, "k": "mentioned"}, key="guessed-key", salt=UNSUBSCRIBE_SALT),
        lambda token, other: signing.dumps({"u": other.pk, "k": "no_such_kind"}, salt=UNSUBSCRIBE_SALT),
        lambda token, other: "nothing-signed-here",
    ],
)
def test_unsubscribe_is_tamper_proof(client, make_user, tamper):
    person, other = make_user("citizen"), make_user("citizen")
    forged = tamper(unsubscribe_token(user=person, kind="mentioned"), other)
    url = reverse("notifications:unsubscribe", args=[forged])
    assert client.get(url).status_code == 400
    response = client.post(url)
    assert response.status_code == 400 and "no es válido" in response.content.decode()
    assert not Preference.objects.exists()


def test_a_token_for_one_person_never_touches_another(client, make_user):
    person, other = make_user("citizen"), make_user("citizen")
    client.post(reverse("notifications:unsubscribe", args=[unsubscribe_token(user=person, kind="mentioned")]))
    assert Preference.objects.filter(user=person).count() == 1
    assert not Preference.objects.filter(user=other).exists()


class FlakySMTP(EmailBackend):
    """Fails the first ``failures`` sends with an SMTP error, then delivers to the locmem outbox."""

    failures = 0
    calls = 0

    def send_messages(self, messages):
        FlakySMTP.calls += 1
        if FlakySMTP.calls <= FlakySMTP.failures:
            raise smtplib.SMTPServerDisconnected("connection dropped")
        return super().send_messages(messages)


@pytest.fixture
def flaky_smtp(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakySMTP"
    FlakySMTP.calls = 0
    FlakySMTP.failures = 2
    return FlakySMTP


def test_a_failed_send_is_retried_and_sent_once(make_user, emit, flaky_smtp):
    person = make_user("citizen")
    emit(kind="mentioned", recipients=[person])
    delivery = EmailDelivery.objects.get(user=person)
    assert flaky_smtp.calls == 3  # two SMTP failures, then the retry (eager: at once) delivers
    assert len(mail.outbox) == 1
    assert delivery.status == EmailDelivery.Status.SENT and delivery.attempts == 3
    # The task delivered twice more (a broker redelivery, a duplicate beat run…): nothing leaves again.
    assert tasks.email_delivery_send_one.delay(delivery.pk).get() is False
    assert email_delivery_send(delivery_id=delivery.pk) is False
    assert len(mail.outbox) == 1 and flaky_smtp.calls == 3


def test_retries_back_off_and_give_up_as_failed(make_user, emit, flaky_smtp):
    flaky_smtp.failures = 100
    person = make_user("citizen")
    emit(kind="mentioned", recipients=[person])  # the write that caused it is not broken by the e-mail
    delivery = EmailDelivery.objects.get(user=person)
    assert delivery.status == EmailDelivery.Status.FAILED
    assert delivery.attempts == tasks.MAX_RETRIES + 1
    assert "connection dropped" in delivery.last_error
    assert mail.outbox == []
    assert [tasks.retry_countdown(n) for n in range(5)] == [60, 120, 240, 480, 960]


def test_a_delivery_interrupted_mid_send_is_never_sent_again(make_user, django_capture_on_commit_callbacks):
    """At most once: a worker that died after claiming the row may have handed the mail to SMTP already."""
    person = make_user("citizen")
    notification_emit(kind="mentioned", recipients=[person])  # on_commit not run: nothing sent
    delivery = EmailDelivery.objects.get(user=person)
    EmailDelivery.objects.filter(pk=delivery.pk).update(status=EmailDelivery.Status.SENDING)
    assert email_delivery_send(delivery_id=delivery.pk) is False
    assert mail.outbox == []


def test_the_delivery_key_is_unique_per_notification(make_user, emit):
    person = make_user("citizen")
    [notification] = emit(kind="mentioned", recipients=[person])
    delivery = EmailDelivery.objects.get(user=person)
    assert delivery.key == f"notification:{notification.pk}"
    notification.refresh_from_db()
    assert notification.email_delivery_id == delivery.pk


def test_on_a_worker_an_smtp_error_schedules_a_retry_with_backoff(make_user, flaky_smtp, monkeypatch):
    flaky_smtp.failures = 1
    person = make_user("citizen")
    notification_emit(kind="mentioned", recipients=[person])  # not committed: nothing sent yet
    delivery = EmailDelivery.objects.get(user=person)
    scheduled = {}

    class Scheduled(Exception):
        pass

    def fake_retry(*, exc, countdown, args):
        scheduled.update(exc=exc, countdown=countdown, args=args)
        return Scheduled()

    monkeypatch.setattr(tasks.email_delivery_send_one, "retry", fake_retry)
    with pytest.raises(Scheduled):
        tasks.email_delivery_send_one.run(delivery.pk)
    assert scheduled["countdown"] == 60 and isinstance(scheduled["exc"], smtplib.SMTPException)
    assert scheduled["args"] == (delivery.pk,)
    assert tasks.email_delivery_send_one.run(delivery.pk) is True  # the retry
    assert tasks.email_delivery_send_one.run(delivery.pk) is False  # and any later duplicate
    assert len(mail.outbox) == 1


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_changing_any_character_of_a_token_breaks_it(make_user, data):
    person = make_user("citizen")
    token = unsubscribe_token(user=person, kind="mentioned")
    position = data.draw(st.integers(min_value=0, max_value=10_000)) % len(token)
    replacement = data.draw(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_:"))
    assume(replacement != token[position])
    forged = token[:position] + replacement + token[position + 1 :]
    with pytest.raises(signing.BadSignature):
        unsubscribe_token_read(forged)


class CountingConnections(EmailBackend):
    opened = 0

    def open(self):
        CountingConnections.opened += 1
        return super().open()


def test_one_event_sends_every_email_in_one_task_over_one_connection(
    make_user, emit, settings, monkeypatch, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = f"{__name__}.CountingConnections"
    CountingConnections.opened = 0
    people = [make_user("citizen") for _ in range(12)]
    calls = []
    original = tasks.email_deliveries_send_batch.delay
    monkeypatch.setattr(tasks.email_deliveries_send_batch, "delay", lambda ids: calls.append(ids) or original(ids))
    with django_assert_max_num_queries(30):
        emit(kind="mentioned", recipients=people, dedupe_key="many")
    assert len(calls) == 1 and len(calls[0]) == 12
    assert CountingConnections.opened == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {EmailDelivery.Status.SENT}


def test_a_failure_mid_batch_retries_only_what_did_not_leave(make_user, emit, settings):
    class FailsThird(EmailBackend):
        def send_messages(self, messages):
            if len(mail.outbox) == 2 and not getattr(FailsThird, "failed", False):
                FailsThird.failed = True
                raise smtplib.SMTPServerDisconnected("dropped")
            return super().send_messages(messages)

    settings.EMAIL_BACKEND = f"{__name__}.FailsThirdBackend"
    globals()["FailsThirdBackend"] = FailsThird
    people = [make_user("citizen") for _ in range(5)]
    emit(kind="mentioned", recipients=people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)  # each exactly once
    attempts = dict(EmailDelivery.objects.values_list("user_id", "attempts"))
    assert sorted(attempts.values()) == [1, 1, 2, 2, 2]
    assert set(EmailDelivery.objects.values_list("status", flat=True)) == {EmailDelivery.Status.SENT}


def test_an_unreachable_broker_sends_in_the_request(make_user, emit, monkeypatch):
    from kombu.exceptions import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("broker down")

    monkeypatch.setattr(tasks.email_deliveries_send_batch, "delay", refuse)
    person = make_user("citizen")
    emit(kind="mentioned", recipients=[person])
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get(user=person).status == EmailDelivery.Status.SENT
