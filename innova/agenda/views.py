import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core import exports
from innova.core.permissions import require_perm
from innova.core.ratelimit import rate_limit
from innova.core.service_results import service_into_form, service_or_message
from innova.territory.selectors import map_config

from . import ics, selectors, services
from .forms import CheckInForm, EventFilterForm, EventForm, GuestRegistrationForm, WalkInForm, question_fields
from .models import Event, RegistrationStatus
from .qr import qr_svg


def index(request):
    form = EventFilterForm(request.GET or None)
    filters = form.filters()
    past = request.GET.get("pasados") == "1"
    start = end = None
    if filters["month"]:
        start, end = selectors.month_bounds(*filters["month"])
    items = selectors.agenda_items(start=start, end=end, kind=filters["kind"], upz=filters["upz"], past=past)
    return render(request, "agenda/index.html", {"form": form, "items": items, "past": past})


def calendar_view(request):
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("mes", "").split("-", 1))
        datetime.date(year, month, 1)
    except ValueError:
        year, month = today.year, today.month
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    return render(
        request,
        "agenda/calendar.html",
        {
            "weeks": selectors.agenda_month(year=year, month=month),
            "month": first,
            "previous": f"{previous.year}-{previous.month:02d}",
            "next": f"{following.year}-{following.month:02d}",
            "today": today,
        },
    )


def feed(request):
    now = timezone.now()
    items = selectors.agenda_items(start=now - datetime.timedelta(days=90), end=now + datetime.timedelta(days=366))
    response = HttpResponse(ics.agenda_ics(items), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda-usme-innova.ics"'
    return response


def detail(request, pk: int):
    event = get_object_or_404(selectors.event_visible().select_related("organiser", "upz"), pk=pk)
    user = request.user
    registration = selectors.registration_for(user=user, event=event)
    context = {
        "event": event,
        "registration": registration,
        "registration_token": services.cancel_token(registration) if registration else "",
        "can_register": user.has_perm("agenda.register_event", event),
        "can_manage": user.has_perm("agenda.manage_event", event),
        "questions": event.questions.all(),
        # The map reuses the problems app's Leaflet set-up (base layer = the UPZs of Usme, no tiles).
        "territory": map_config() if event.has_point else None,
    }
    return render(request, "agenda/detail.html", context)


def event_ics(request, pk: int):
    event = get_object_or_404(selectors.event_visible(), pk=pk)
    response = HttpResponse(ics.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evento-{event.pk}.ics"'
    return response


def register(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    user = request.user
    existing = selectors.registration_for(user=user, event=event)
    if existing is not None:
        return redirect("agenda:registration", token=services.cancel_token(existing))
    if not user.has_perm("agenda.register_event", event):
        messages.error(request, _("Registration for this event is closed or reserved for members of its work front."))
        return redirect(event)
    guest_form = None if user.is_authenticated else GuestRegistrationForm(request.POST or None)
    answers = {key: value for key, value in request.POST.items() if key.startswith("q")}
    error = ""
    if request.method == "POST" and guest_form is not None and guest_form.is_valid():
        # Guests only (people with an account register once): per address, answered by RateLimitMiddleware.
        rate_limit("event_register", f"ip:{request.META.get('REMOTE_ADDR', '')}")
    if request.method == "POST" and (guest_form is None or guest_form.is_valid()):
        data = guest_form.cleaned_data if guest_form else {}
        try:
            registration = services.registration_create(
                event=event,
                user=user,
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                consent=data.get("consent", False),
                answers={key[1:]: value for key, value in answers.items()},
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.warning(request, _("The event is full: you are on the waiting list. We will tell you."))
            else:
                messages.success(request, _("You are registered. Show this QR code when you arrive."))
            return redirect("agenda:registration", token=services.cancel_token(registration))
    return render(
        request,
        "agenda/register.html",
        {"event": event, "form": guest_form, "questions": question_fields(event, request.POST), "error": error},
    )


def registration(request, token: str):
    """The registration itself (reached from the confirmation e-mail or right after registering): QR and cancel."""
    found = services.registration_from_token(token)
    if found is None or found.status == RegistrationStatus.CANCELLED:
        raise Http404
    return render(
        request,
        "agenda/registration.html",
        {
            "registration": found,
            "event": found.event,
            "token": token,
            "position": selectors.waitlist_position(found),
            "qr": qr_svg(found.code, title=_("Registration code %(code)s") % {"code": found.code}),
        },
    )


def cancel(request, token: str):
    found = services.registration_from_token(token)
    if found is None:
        raise Http404
    if request.method == "POST" and found.status != RegistrationStatus.CANCELLED:
        services.registration_cancel(registration=found)
        messages.success(request, _("Your registration was cancelled. Thank you for letting us know."))
        return redirect(found.event)
    return render(request, "agenda/cancel.html", {"registration": found, "event": found.event})


@login_required
def mine(request):
    registrations = [(r, services.cancel_token(r), qr_svg(r.code)) for r in selectors.registrations_of(request.user)]
    return render(request, "agenda/mine.html", {"registrations": registrations, "now": timezone.now()})


@login_required
def create(request):
    require_perm(request.user, "agenda.add_event")
    return _event_form(request, None)


@login_required
def edit(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require_perm(request.user, "agenda.manage_event", event)
    return _event_form(request, event)


def _event_form(request, event):
    initial = {"questions": "\n".join(q.text for q in event.questions.all())} if event else None
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "questions"}
        questions = form.cleaned_data["questions"].splitlines()
        saved = service_into_form(
            form,
            lambda: (
                services.event_create(actor=request.user, questions=questions, **data)
                if event is None
                else services.event_update(actor=request.user, event=Event.objects.get(pk=event.pk), **data)
            ),
        )
        if saved is not None:
            messages.success(request, _("The event was saved."))
            return redirect(saved)
    return render(request, "agenda/form.html", {"form": form, "event": event})


@login_required
def checkin(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require_perm(request.user, "agenda.manage_event", event)
    code_form = CheckInForm(request.POST if request.POST.get("action") == "code" else None)
    walk_form = WalkInForm(request.POST if request.POST.get("action") == "walk_in" else None)
    if request.method == "POST":
        if code_form.is_bound and code_form.is_valid():
            code = code_form.cleaned_data["code"]
            done = service_or_message(
                request, lambda: services.registration_check_in(actor=request.user, event=event, code=code)
            )
            if done is not None:
                messages.success(request, _("%(name)s checked in.") % {"name": done.display_name})
            return redirect("agenda:checkin", pk=event.pk)
        if walk_form.is_bound and walk_form.is_valid():
            walk_in = walk_form.cleaned_data
            done = service_or_message(
                request, lambda: services.registration_walk_in(actor=request.user, event=event, **walk_in)
            )
            if done is not None:
                messages.success(request, _("%(name)s was added and checked in.") % {"name": done.display_name})
            return redirect("agenda:checkin", pk=event.pk)
    query = request.GET.get("q", "")[:80]
    registrations = selectors.attendance_list(event=event, query=query)
    checked = sum(1 for r in registrations if r.checked_in_at)
    return render(
        request,
        "agenda/checkin.html",
        {
            "event": event,
            "registrations": registrations,
            "query": query,
            "checked": checked,
            "code_form": code_form,
            "walk_form": walk_form,
        },
    )


def _export_headers() -> list[str]:
    return [
        _("Code"),
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("Status"),
        _("Walk-in"),
        _("Checked in"),
        _("Answers"),
    ]


@login_required
def attendance_csv(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require_perm(request.user, "agenda.manage_event", event)
    return exports.csv_response(
        [_export_headers(), *selectors.attendance_rows(event=event)], filename=f"asistencia-evento-{event.pk}.csv"
    )


@login_required
def attendance_xlsx(request, pk: int):
    event = get_object_or_404(Event, pk=pk)
    require_perm(request.user, "agenda.manage_event", event)
    rows = [_export_headers(), *selectors.attendance_rows(event=event)]
    return exports.xlsx_response([(_("Attendance"), rows)], filename=f"asistencia-evento-{event.pk}.xlsx")
