import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innova.core.participation import search_fields
from innova.core.permissions import require_perm
from innova.notifications.outbox import address_email_queue
from innova.notifications.services.emit import notification_emit
from innova.territory.selectors import upz_for_point
from innova.territory.validators import validate_point_in_usme

from .models import Event, Question, Registration, RegistrationStatus
from .qr import qr_png, qr_svg

BOGOTA = zoneinfo.ZoneInfo("America/Bogota")
CANCEL_SALT = "agenda.registration.cancel"
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place_name",
    "address",
    "latitude",
    "longitude",
    "online_url",
    "upz",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "audience",
    "front_id",
    "accessibility_notes",
)


def _event_validate(data: dict) -> None:
    if data["ends_at"] < data["starts_at"]:
        raise ValidationError(_("The event must end after it starts."))
    validate_point_in_usme(data.get("latitude"), data.get("longitude"))
    if not (data.get("place_name") or data.get("online_url")):
        raise ValidationError(_("Give the place of the event or its online link."))
    if data.get("upz") is None and data.get("latitude") is not None:
        data["upz"] = upz_for_point(lat=data["latitude"], lon=data["longitude"])


def _event_search_fields(event: Event) -> dict:
    return search_fields(event.title, event.description, event.place_name)


def _event_search_fill(event: Event) -> None:
    for key, value in _event_search_fields(event).items():
        setattr(event, key, value)


@transaction.atomic
def event_create(*, actor, questions: list[str] = (), **data) -> Event:
    require_perm(actor, "agenda.add_event")
    data = {key: value for key, value in data.items() if key in EVENT_FIELDS}
    _event_validate(data)
    event = Event(organiser=actor, **data)
    _event_search_fill(event)
    event.save()
    for order, text in enumerate(q.strip() for q in questions):
        if text:
            Question.objects.create(event=event, text=text[:200], order=order)
    return event


@transaction.atomic
def event_update(*, actor, event: Event, **data) -> Event:
    require_perm(actor, "agenda.manage_event", event)
    data = {key: value for key, value in data.items() if key in EVENT_FIELDS}
    _event_validate(data)
    for key, value in data.items():
        setattr(event, key, value)
    _event_search_fill(event)
    event.save()
    return event


def event_search_update(*, event: Event) -> None:
    """Refresh the search columns after a write outside the services (the admin, the demo history)."""
    Event.objects.filter(pk=event.pk).update(**_event_search_fields(event))


def cancel_token(registration: Registration) -> str:
    """The registration's private address (QR page and cancel link): its number, signed with the secret key."""
    return signing.Signer(salt=CANCEL_SALT).sign(str(registration.pk))


def registration_from_token(token: str) -> Registration | None:
    try:
        pk = int(signing.Signer(salt=CANCEL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return Registration.objects.select_related("event", "user").filter(pk=pk).first()


def _answers_clean(event: Event, answers: dict | None) -> dict:
    answers = answers or {}
    cleaned = {}
    for question in event.questions.all():
        value = str(answers.get(str(question.pk), "") or answers.get(question.text, "")).strip()[:300]
        if question.required and not value:
            raise ValidationError(_("Answer the question: %(question)s") % {"question": question.text})
        if value:
            cleaned[question.text] = value
    return cleaned


def registration_create(
    *,
    event: Event,
    user=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    consent: bool = False,
    answers: dict | None = None,
) -> Registration:
    """Register someone (one click with an account; a guest gives name, e-mail or phone and the consent).

    The event row is locked while seats are counted, so concurrent registrations never exceed the capacity;
    whoever comes after the last seat goes to the waiting list, in order of arrival.
    """
    user = user if user is not None and user.is_authenticated else None
    require_perm(user or _anonymous(), "agenda.register_event", event)
    if user is None:
        name, email, phone = name.strip(), email.strip().lower(), phone.strip()
        if not name:
            raise ValidationError(_("Write your name."))
        if not (email or phone):
            raise ValidationError(_("Give an e-mail or a phone number so we can tell you about changes."))
        if not consent:
            raise ValidationError(_("Accept the personal-data policy to register."))
    cleaned_answers = _answers_clean(event, answers)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if user is not None:
            existing = (
                Registration.objects.filter(event=locked, user=user)
                .exclude(status=RegistrationStatus.CANCELLED)
                .first()
            )
            if existing is not None:
                return existing
        full = locked.capacity and locked.registered_count >= locked.capacity
        registration = Registration.objects.create(
            event=locked,
            user=user,
            name="" if user else name,
            email="" if user else email,
            phone="" if user else phone,
            answers=cleaned_answers,
            consent_at=timezone.now() if user is None else None,
            status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.REGISTERED,
        )
        if not full:
            Event.objects.filter(pk=locked.pk).update(registered_count=F("registered_count") + 1)
        transaction.on_commit(lambda: registration_confirmation_send(registration=registration))
    return registration


def _anonymous():
    return AnonymousUser()


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a seat (or a place in the waiting list). Returns who was promoted from the waiting list, if anyone."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        held_seat = registration.status == RegistrationStatus.REGISTERED and not registration.walk_in
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = None
        if held_seat:
            promoted = (
                Registration.objects.select_for_update()
                .filter(event=event, status=RegistrationStatus.WAITLISTED)
                .order_by("created_at", "pk")
                .first()
            )
            if promoted is not None:
                promoted.status = RegistrationStatus.REGISTERED
                promoted.save(update_fields=["status"])
                transaction.on_commit(lambda: registration_promotion_notify(registration=promoted))
            else:
                Event.objects.filter(pk=event.pk).update(registered_count=F("registered_count") - 1)
    return promoted


def registration_check_in(*, actor, event: Event, code: str) -> Registration:
    require_perm(actor, "agenda.manage_event", event)
    code = code.strip().upper().removeprefix("INNOVA-")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .filter(event=event, code=code)
            .select_related("user")
            .first()
        )
        if registration is None:
            raise ValidationError(_("No registration for this event has the code %(code)s.") % {"code": code})
        if registration.status != RegistrationStatus.REGISTERED:
            raise ValidationError(
                _("%(name)s is not registered (%(status)s).")
                % {"name": registration.display_name, "status": registration.get_status_display()}
            )
        if registration.checked_in_at is not None:
            raise ValidationError(
                _("%(name)s already checked in at %(time)s.")
                % {
                    "name": registration.display_name,
                    "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M"),
                }
            )
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = actor
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
    return registration


@transaction.atomic
def registration_walk_in(*, actor, event: Event, name: str, email: str = "", phone: str = "") -> Registration:
    """Someone who arrives without registering: checked in at once (walk-ins do not take online seats)."""
    require_perm(actor, "agenda.manage_event", event)
    if not name.strip():
        raise ValidationError(_("Write the name of the person who arrived."))
    return Registration.objects.create(
        event=event,
        name=name.strip(),
        email=email.strip().lower(),
        phone=phone.strip(),
        walk_in=True,
        checked_in_at=timezone.now(),
        checked_in_by=actor,
    )


# --- Messages -------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _send_email(*, registration: Registration, subject: str, template: str, with_qr: bool = False) -> None:
    to = registration.contact_email
    if not to:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": registration.event,
            "cancel_url": _absolute(reverse("agenda:cancel", args=[cancel_token(registration)])),
            "event_url": _absolute(registration.event.get_absolute_url()),
            "ics_url": _absolute(reverse("agenda:event_ics", args=[registration.event_id])),
            "qr_svg": qr_svg(registration.code, omitsize=False) if with_qr else "",
        }
        text = render_to_string(f"agenda/email/{template}.txt", context)
        html = render_to_string(f"agenda/email/{template}.html", context)
    qr = ((f"inscripcion-{registration.code}.png", qr_png(registration.code), "image/png"),) if with_qr else ()
    address_email_queue(to=to, subject=subject, text=text, html=html, attachments=qr)


def registration_confirmation_send(*, registration: Registration) -> None:
    registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    with translation.override(settings.LANGUAGE_CODE):
        if registration.status == RegistrationStatus.WAITLISTED:
            subject = _("You are on the waiting list: %(event)s") % {"event": registration.event.title}
        else:
            subject = _("Your registration: %(event)s") % {"event": registration.event.title}
    _send_email(registration=registration, subject=subject, template="confirmation", with_qr=True)


def registration_promotion_notify(*, registration: Registration) -> None:
    registration = Registration.objects.select_related("event", "user").get(pk=registration.pk)
    # People with an account hear it through notifications (their preferences decide the e-mail, which links to
    # "Mis inscripciones" with the QR); guests have no account, so they get the registration e-mail itself.
    if registration.user_id:
        notification_emit(kind="agenda_promoted", recipients=[registration.user], target=registration.event)
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A seat opened for you: %(event)s") % {"event": registration.event.title}
    _send_email(registration=registration, subject=subject, template="confirmation", with_qr=True)


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone registered for an event that starts tomorrow (Bogotá time). Idempotent."""
    now = now or timezone.now()
    tomorrow = now.astimezone(BOGOTA).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=BOGOTA)
    end = start + datetime.timedelta(days=1)
    sent = 0
    pending = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED,
        reminded_at__isnull=True,
        walk_in=False,
        event__starts_at__gte=start,
        event__starts_at__lt=end,
    ).select_related("event", "user")
    for registration in pending:
        # Mark first: a crash after this line may skip one reminder but never sends two.
        if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        sent += 1
        if registration.user_id:  # as for promotions: accounts through notifications, guests by e-mail
            notification_emit(kind="event_tomorrow", recipients=[registration.user], target=registration.event)
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Tomorrow: %(event)s") % {"event": registration.event.title}
        _send_email(registration=registration, subject=subject, template="reminder")
    return sent


def agenda_erase_user(user) -> None:
    """Account deletion: cancel (promoting the waiting list) and delete the person's registrations."""
    for registration in Registration.objects.filter(user=user).exclude(status=RegistrationStatus.CANCELLED):
        registration_cancel(registration=registration)
    Registration.objects.filter(user=user).delete()
