import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innova.accounts.models import User
from innova.core.permissions import require_perm
from innova.core.ratelimit import RateLimited
from innova.core.resilience import task_enqueue_on_commit
from innova.problems.models import Problem, Theme
from innova.problems.services import problem_report
from innova.territory.models import Upz

from . import conversation, selectors
from .models import Channel, Conversation, InboundMessage, OutboundMessage, PaperConsent
from .providers import backend_for
from .tasks import send_outbound_message

logger = logging.getLogger("innova.intake")


def _resident_for_phone(phone: str) -> User:
    """A quiet account for a resident who reports by phone: no e-mail, no password, shown as "Vecino/a de Usme"."""
    digest = hashlib.sha256(phone.encode()).hexdigest()[:20]
    user, created = User.objects.get_or_create(
        email=f"tel-{digest}@canales.invalid", defaults={"display_name": "Vecino/a de Usme"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _queue_reply(conv_or_none, channel: str, phone: str, body: str) -> None:

    message = OutboundMessage.objects.create(channel=channel, to=phone, body=body, conversation=conv_or_none)
    task_enqueue_on_commit(send_outbound_message, message.pk)


def _status_reply(number: int) -> str:
    """The public status of a problem by its reference code (no personal data involved)."""
    problem = Problem.objects.filter(pk=number, published_at__isnull=False, hidden_at__isnull=True).first()
    if problem is None:
        return _("We found no report with the code USM-%(number)04d.") % {"number": number}
    reply = _("%(code)s: %(title)s. Status: %(status)s.") % {
        "code": selectors.reference_code(problem),
        "title": problem.title[:60],
        "status": problem.get_status_display(),
    }
    answer = problem.answers.order_by("-created_at").first()
    if answer:
        reply += " " + _("Official answer: %(answer)s") % {"answer": answer.body[:300]}
    return reply


def _create_problem(conv: Conversation, data: dict) -> Problem:
    photos = []
    if data.get("media"):
        content = backend_for(conv.channel).download_media(data["media"])
        if content:
            photos.append((SimpleUploadedFile("foto.jpg", content, content_type="image/jpeg"), ""))
    description = data["description"]
    if data.get("place"):
        description += f"\n\n{_('Place')}: {data['place']}"
    try:
        return problem_report(
            author=conv.user,
            title=(data["description"][:80] + ("…" if len(data["description"]) > 80 else "")),
            description=description,
            theme=Theme.objects.get(slug="otro"),
            upz=Upz.objects.get(code=data["upz"]),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            anonymous=True,
            photos=photos,
            channel=conv.channel,
        )
    except ValidationError:
        # A photo that is not a real image must not lose the report: keep the text, drop the photo.
        if not photos:
            raise
        return _create_problem(conv, {**data, "media": None})


@transaction.atomic
def intake_receive(
    *,
    channel: str,
    provider_id: str,
    phone: str,
    text: str = "",
    location: tuple[float, float] | None = None,
    media: str | None = None,
) -> Conversation | None:
    """Take one inbound message from a provider. A message id already seen is ignored (providers retry)."""
    inbound = _inbound_record_once(channel, provider_id)
    if inbound is None:
        return None
    conv, consented = _conversation_for(channel, phone)
    context = conversation.Context(
        consented=consented,
        find_upz=selectors.upz_code_from_text,
        locate=selectors.upz_code_for_point,
        upz_choices=selectors.upz_choices_text(),
    )
    result = conversation.step(conv.state, conv.data, conversation.Incoming(text, location, media), context)
    replies = list(result.replies)
    effect = result.effect

    if effect and effect.kind == "forget":
        _conversation_forget(conv, inbound, channel, phone, replies)
        return None
    if effect and effect.kind == "status" and not consented:
        # A status query needs no personal data: answer it and keep nothing.
        _queue_reply(None, channel, phone, _status_reply(effect.payload["number"]))
        return None

    conv.state, conv.data = result.state, result.data
    if (effect and effect.kind == "consent") or (conv.consented_at is None and consented):
        conv.consented_at = timezone.now()
    conv.save()
    inbound.conversation = conv
    inbound.save(update_fields=["conversation"])

    if effect and effect.kind == "status":
        replies.append(_status_reply(effect.payload["number"]))
    if effect and effect.kind == "create_problem":
        replies.append(_problem_from_conversation(conv, phone, effect.payload))
    for reply in replies:
        _queue_reply(conv, channel, phone, reply)
    return conv


def _inbound_record_once(channel: str, provider_id: str) -> InboundMessage | None:
    """Record the provider's message id; None when it was already seen (a provider's retry)."""
    try:
        with transaction.atomic():
            return InboundMessage.objects.create(channel=channel, provider_id=provider_id)
    except IntegrityError:
        return None


def _conversation_for(channel: str, phone: str) -> tuple[Conversation, bool]:
    """The latest conversation with this phone on this channel (a new, unsaved one if none) and whether the phone
    has consented on any channel."""
    conv = Conversation.objects.filter(channel=channel, phone=phone).order_by("-updated_at").first()
    consented = (
        bool(conv and conv.consented_at)
        or Conversation.objects.filter(phone=phone, consented_at__isnull=False).exists()
    )
    if conv is None:
        conv = Conversation(channel=channel, phone=phone)
    return conv, consented


def _conversation_forget(
    conv: Conversation, inbound: InboundMessage, channel: str, phone: str, replies: list[str]
) -> None:
    """The sender declined: nothing personal is kept, not even this conversation."""
    if conv.pk:
        OutboundMessage.objects.filter(conversation=conv).delete()
        conv.delete()
    inbound.conversation = None
    inbound.save(update_fields=["conversation"])
    for reply in replies:
        _queue_reply(None, channel, phone, reply)


def _problem_from_conversation(conv: Conversation, phone: str, data: dict) -> str:
    """Report the problem the conversation gathered, as the phone's quiet account; returns the reply to send."""
    if conv.user_id is None:
        conv.user = _resident_for_phone(phone)
    try:
        problem = _create_problem(conv, data)
    except RateLimited as refused:
        # The same per-person limit as on the web and the API; the sender is told plainly, nothing half-kept.
        conv.save(update_fields=["user"])
        return ngettext(
            "We received many reports from this number in a short while, so this one was not registered. "
            "Write to us again in %(minutes)d minute.",
            "We received many reports from this number in a short while, so this one was not registered. "
            "Write to us again in %(minutes)d minutes.",
            refused.retry_minutes,
        ) % {"minutes": refused.retry_minutes}
    conv.problem = problem
    conv.save(update_fields=["user", "problem"])
    return _("Thank you! Your report was received with the code %(code)s. Text that code to know how it is going.") % {
        "code": selectors.reference_code(problem)
    }


@transaction.atomic
def intake_assisted_report(
    *,
    facilitator,
    point: str,
    resident_name: str,
    form_number: str,
    title: str,
    description: str,
    theme,
    upz,
    latitude=None,
    longitude=None,
    photos=(),
) -> Problem:
    """A facilitator enters a report for a resident at an attention point; consent was given on paper."""
    require_perm(facilitator, "intake.assisted_report")
    problem = problem_report(
        author=facilitator,
        title=title,
        description=description,
        theme=theme,
        upz=upz,
        latitude=latitude,
        longitude=longitude,
        anonymous=True,
        photos=photos,
        channel=Channel.IN_PERSON,
    )
    PaperConsent.objects.create(
        problem=problem, facilitator=facilitator, resident_name=resident_name, point=point, form_number=form_number
    )
    return problem


def intake_erase_user(user) -> None:
    """Account deletion: phone numbers, conversations and the messages to them are erased."""
    conversations = Conversation.objects.filter(user=user)
    phones = list(conversations.values_list("phone", flat=True))
    OutboundMessage.objects.filter(to__in=phones).delete()
    conversations.delete()
    PaperConsent.objects.filter(problem__author=user).update(resident_name="")
