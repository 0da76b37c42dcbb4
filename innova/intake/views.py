import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from innova.core.pdf import pdf_render, pdf_response
from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form

from . import selectors, services
from .forms import AssistedReportForm, PaperStackFormSet
from .models import Channel, Conversation
from .payloads import Message, SmsSerializer, WhatsAppSerializer
from .webhooks import meta_signature_valid, twilio_signature_valid


@csrf_exempt
@require_POST
def sms_webhook(request):
    """Inbound SMS in the Twilio webhook format; the signature is checked before anything is stored."""
    params = {key: request.POST.get(key) for key in request.POST}
    url = request.build_absolute_uri()
    if not twilio_signature_valid(
        settings.INNOVA_SMS_AUTH_TOKEN, url, params, request.headers.get("X-Twilio-Signature", "")
    ):
        return HttpResponseForbidden("invalid signature")
    payload = SmsSerializer(data=params)
    if not payload.is_valid():
        return _invalid(payload)
    _receive(Channel.SMS, payload.message())
    # Replies go out through the provider adapter (Celery), not in the webhook's answer.
    return HttpResponse('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', content_type="text/xml")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request):
    if request.method == "GET":
        # Meta's verification handshake.
        if (
            request.GET.get("hub.mode") == "subscribe"
            and settings.INNOVA_WHATSAPP_VERIFY_TOKEN
            and request.GET.get("hub.verify_token") == settings.INNOVA_WHATSAPP_VERIFY_TOKEN
        ):
            return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
        return HttpResponseForbidden("verification failed")
    if not meta_signature_valid(
        settings.INNOVA_WHATSAPP_APP_SECRET, request.body, request.headers.get("X-Hub-Signature-256", "")
    ):
        return HttpResponseForbidden("invalid signature")
    try:
        payload = WhatsAppSerializer(data=json.loads(request.body))
    except ValueError:
        return JsonResponse({"status": "invalid", "errors": {"body": ["Not JSON."]}}, status=400)
    if not payload.is_valid():
        return _invalid(payload)
    for message in payload.messages():
        _receive(Channel.WHATSAPP, message)
    return JsonResponse({"status": "ok"})


def _invalid(payload) -> JsonResponse:
    """A signed request of the wrong shape: the provider (or whoever holds the secret) reads what was wrong."""
    return JsonResponse({"status": "invalid", "errors": payload.errors}, status=400)


def _receive(channel: str, message: Message) -> None:
    services.intake_receive(
        channel=channel,
        provider_id=message.provider_id,
        phone=message.phone,
        text=message.text,
        location=message.location,
        media=message.media,
    )


@login_required
def dashboard(request):
    require_perm(request.user, "intake.view_dashboard")
    conversations = Conversation.objects.select_related("problem")[:50]
    return render(
        request,
        "intake/dashboard.html",
        {"counts": selectors.intake_channel_counts(), "conversations": conversations},
    )


@login_required
def assisted_report(request):
    require_perm(request.user, "intake.assisted_report")
    form = AssistedReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        problem = service_into_form(
            form,
            lambda: services.intake_assisted_report(
                facilitator=request.user,
                point=data["point"],
                resident_name=data["resident_name"],
                form_number=data["form_number"],
                title=data["title"],
                description=data["description"],
                theme=data["theme"],
                upz=data["upz"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                photos=[(upload, data["photo_alt"]) for upload in data["photos"]],
            ),
        )
        if problem is not None:
            messages.success(
                request,
                _("Report %(code)s entered. Give the resident this code to follow it.") % {"code": problem.reference},
            )
            return redirect("intake:assisted")
    return render(request, "intake/assisted.html", {"form": form})


@login_required
def paper_stack(request):
    """Fast entry of a stack of paper forms: one row per form."""
    require_perm(request.user, "intake.assisted_report")
    formset = PaperStackFormSet(request.POST or None, prefix="f")
    point = request.POST.get("point", "Alcaldía Local de Usme")
    if request.method == "POST" and formset.is_valid():
        codes = []
        for row in formset.cleaned_data:
            if not row:
                continue
            problem = services.intake_assisted_report(
                facilitator=request.user,
                point=point,
                resident_name="",
                form_number=row["form_number"],
                title=row["title"],
                description=row["description"],
                theme=row["theme"],
                upz=row["upz"],
            )
            codes.append(problem.reference)
        messages.success(request, _("%(n)d reports entered: %(codes)s") % {"n": len(codes), "codes": ", ".join(codes)})
        return redirect("intake:paper_stack")
    return render(request, "intake/paper_stack.html", {"formset": formset, "point": point})


def paper_form_pdf(request):
    """The one-page paper form for attention points, as a PDF to print."""
    pdf = pdf_render("intake/paper_form.html", {"upzs": selectors.upz_choices_text()}, request=request)
    return pdf_response(pdf, filename="formulario-usme-innova.pdf")
