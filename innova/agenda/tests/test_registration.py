import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from innova.agenda import selectors, services, sources
from innova.agenda.models import Registration, RegistrationStatus
from innova.core.testing import run_concurrently
from innova.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_one_click_registration_when_logged_in(client, citizen, make_event, django_capture_on_commit_callbacks):
    event = make_event()
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("agenda:register", args=[event.pk]))
    registration = Registration.objects.get(event=event, user=citizen)
    assert registration.status == RegistrationStatus.REGISTERED
    assert response.url == reverse("agenda:registration", args=[services.cancel_token(registration)])
    page = client.get(response.url).content.decode()
    assert "<svg" in page and registration.code in page
    event.refresh_from_db()
    assert event.registered_count == 1
    # The confirmation e-mail carries the QR (inline SVG and PNG attachment) and the signed cancel link.
    (message,) = mail.outbox
    assert registration.code in message.body
    assert services.cancel_token(registration) in message.body
    assert "<svg" in message.alternatives[0][0]
    assert message.attachments[0][2] == "image/png"
    # A second click changes nothing.
    client.post(reverse("agenda:register", args=[event.pk]))
    assert Registration.objects.filter(event=event).count() == 1


def test_guest_registers_with_name_phone_and_consent(client, make_event):
    event = make_event()
    url = reverse("agenda:register", args=[event.pk])
    response = client.post(url, {"name": "Doña Rosa", "phone": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Doña Rosa" in html  # what was typed is kept
    assert "correo o un teléfono" in html
    assert not Registration.objects.exists()
    response = client.post(url, {"name": "Doña Rosa", "phone": "3001234567", "consent": "on"})
    registration = Registration.objects.get()
    assert registration.name == "Doña Rosa" and registration.consent_at is not None
    assert response.status_code == 302


def test_guest_without_consent_is_refused_by_the_service(make_event):
    event = make_event()
    with pytest.raises(ValidationError):
        services.registration_create(event=event, name="Ana", email="ana@example.org", consent=False)


def test_questions_are_asked_and_answers_kept(client, citizen, make_event):
    event = make_event(questions=["¿Necesita intérprete de lengua de señas?"])
    question = event.questions.get()
    client.force_login(citizen)
    assert question.text in client.get(reverse("agenda:register", args=[event.pk])).content.decode()
    client.post(reverse("agenda:register", args=[event.pk]), {f"q{question.pk}": "Sí, por favor"})
    assert Registration.objects.get().answers == {question.text: "Sí, por favor"}


def test_required_question_must_be_answered(make_event, citizen):
    event = make_event(questions=["¿Cuántas personas la acompañan?"])
    event.questions.update(required=True)
    with pytest.raises(ValidationError):
        services.registration_create(event=event, user=citizen, answers={})


@pytest.mark.parametrize(
    ("opens", "closes", "allowed"),
    [(-2, 1, True), (1, 2, False), (-3, -1, False)],
    ids=["window-open", "not-yet-open", "already-closed"],
)
def test_registration_outside_its_window_is_refused(make_event, citizen, opens, closes, allowed):
    now = timezone.now()
    event = make_event(
        registration_opens_at=now + datetime.timedelta(days=opens),
        registration_closes_at=now + datetime.timedelta(days=closes),
    )
    if allowed:
        assert services.registration_create(event=event, user=citizen).status == RegistrationStatus.REGISTERED
    else:
        with pytest.raises(PermissionDenied):
            services.registration_create(event=event, user=citizen)


def test_registration_window_closed_shows_a_message_not_a_form(client, citizen, make_event):
    now = timezone.now()
    event = make_event(registration_closes_at=now - datetime.timedelta(hours=1))
    client.force_login(citizen)
    response = client.post(reverse("agenda:register", args=[event.pk]), follow=True)
    assert "La inscripción a este evento está cerrada" in response.content.decode()
    assert not Registration.objects.exists()


def test_ended_event_refuses_registration(make_event, citizen):
    start = timezone.now() - datetime.timedelta(days=2)
    event = make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, user=citizen)


def test_front_members_only_uses_the_membership_hook(make_event, make_user, monkeypatch):
    event = make_event(audience="front_members", front_id=7)
    member, outsider, facilitator = make_user("citizen"), make_user("citizen"), make_user("facilitator")
    # Default: only staff pass.
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, user=member)
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, name="Invitada", email="i@example.org", consent=True)
    assert services.registration_create(event=event, user=facilitator)
    # The hook the fronts app installs, replaced for this test only.
    monkeypatch.setattr(sources, "_membership_check", [lambda user, front_id: user.pk == member.pk and front_id == 7])
    assert services.registration_create(event=event, user=member).status == RegistrationStatus.REGISTERED
    with pytest.raises(PermissionDenied):
        services.registration_create(event=event, user=outsider)


def test_capacity_waitlist_and_promotion_in_order(make_event, make_user, django_capture_on_commit_callbacks):
    event = make_event(capacity=2)
    first, second, third, fourth = (make_user("citizen") for _ in range(4))
    with django_capture_on_commit_callbacks(execute=True):
        a = services.registration_create(event=event, user=first)
        services.registration_create(event=event, user=second)
        c = services.registration_create(event=event, user=third)
        guest = services.registration_create(event=event, name="Invitado", email="invitado@example.org", consent=True)
    assert [a.status, c.status, guest.status] == ["registered", "waitlisted", "waitlisted"]
    assert [selectors.waitlist_position(r) for r in (a, c, guest)] == [None, 1, 2]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=a)
    assert promoted.pk == c.pk  # first in line
    c.refresh_from_db()
    assert c.status == RegistrationStatus.REGISTERED
    assert Notification.objects.filter(recipient=third, kind="agenda_promoted").exists()
    assert [m.to for m in mail.outbox] == [[third.email]]
    # The next cancellation promotes the guest, told by e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_cancel(registration=c).pk == guest.pk
    assert mail.outbox[-1].to == ["invitado@example.org"]
    event.refresh_from_db()
    assert event.registered_count == 2
    # Cancelling twice changes nothing; a cancelled person may register again (to the end of the line).
    assert services.registration_cancel(registration=a) is None
    assert services.registration_create(event=event, user=first).status == RegistrationStatus.WAITLISTED
    assert fourth


def test_cancel_link_is_signed(client, make_event, citizen):
    event = make_event()
    registration = services.registration_create(event=event, user=citizen)
    token = services.cancel_token(registration)
    assert client.get(reverse("agenda:cancel", args=[token + "x"])).status_code == 404
    assert client.get(reverse("agenda:cancel", args=[f"{registration.pk}"])).status_code == 404
    assert client.get(reverse("agenda:cancel", args=[token])).status_code == 200
    client.post(reverse("agenda:cancel", args=[token]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert client.get(reverse("agenda:registration", args=[token])).status_code == 404


def test_my_registrations_show_the_qr(client, citizen, make_event):
    event = make_event()
    registration = services.registration_create(event=event, user=citizen)
    client.force_login(citizen)
    html = client.get(reverse("agenda:mine")).content.decode()
    assert event.title in html and registration.code in html and "<svg" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_registrations_for_twenty_seats(make_user, make_event):
    event = make_event(capacity=20)
    users = [make_user("citizen") for _ in range(30)]
    errors = run_concurrently(lambda user: services.registration_create(event=event, user=user), users)
    assert not errors
    event.refresh_from_db()
    assert Registration.objects.filter(event=event, status="registered").count() == 20 == event.registered_count
    waitlist = list(Registration.objects.filter(event=event, status="waitlisted").order_by("created_at", "pk"))
    assert len(waitlist) == 10
    # Cancelling promotes the waiting list in order of arrival.
    registered = Registration.objects.filter(event=event, status="registered").first()
    assert services.registration_cancel(registration=registered).pk == waitlist[0].pk
    assert AnonymousUser  # guests go through the same lock


def test_guest_registrations_are_rate_limited_per_address(client, make_event, settings):
    settings.INNOVA_RATE_LIMITS = {"event_register": (2, 3600)}
    event = make_event(capacity=0)
    url = reverse("agenda:register", args=[event.pk])
    for n in range(3):
        client.post(url, {"name": f"Bot {n}", "email": f"bot{n}@example.org", "consent": "on"})
    assert Registration.objects.count() == 2


def test_waiting_page_shows_the_place_in_line(client, make_event, make_user):
    event = make_event(capacity=1)
    services.registration_create(event=event, user=make_user("citizen"))
    waiting = services.registration_create(event=event, name="Ana", email="ana@example.org", consent=True)
    html = client.get(reverse("agenda:registration", args=[services.cancel_token(waiting)])).content.decode()
    assert "número 1 en la lista de espera" in html and "<svg" not in html
