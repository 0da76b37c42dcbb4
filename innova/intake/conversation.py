"""The guided intake conversation, written once as a state machine and reused by every channel.

No models, no I/O: ``step()`` takes the current state, what the sender sent and a small context (how to find a
UPZ), and returns the next state, the replies to send and at most one *effect* for the service to carry out
(create the problem, look up a reference code, forget everything). SMS and WhatsApp are adapters around it.

Order of the questions: consent first (nothing personal is kept before it) → what happens → where (UPZ, barrio
or a shared location) → optional photo → confirmation with a reference code such as ``USM-4821``. Texting a
reference code at any moment returns that problem's status and latest official answer.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from innova.core.text import fold

REFERENCE = re.compile(r"\busm[\s\-]?(\d{1,7})\b", re.IGNORECASE)
YES = {"si", "sí", "s", "acepto", "claro", "ok", "dale", "yes"}
NO = {"no", "n", "no acepto"}
SKIP_PHOTO = {"no", "sin foto", "omitir", "ninguna", "no tengo", "listo", "siguiente"}
RESTART = {"cancelar", "reiniciar", "empezar", "menu", "menú"}
MIN_DESCRIPTION = 10


@dataclass
class Incoming:
    text: str = ""
    location: tuple[float, float] | None = None
    media: str | None = None  # provider reference of an image (media id or URL)


@dataclass
class Context:
    consented: bool
    # (text) -> UPZ code or None; (lat, lon) -> UPZ code or None (None also when outside Usme)
    find_upz: Callable[[str], str | None]
    locate: Callable[[float, float], str | None]
    upz_choices: str = ""


@dataclass
class Effect:
    kind: str  # "create_problem" | "status" | "forget" | "consent"
    payload: dict = field(default_factory=dict)


@dataclass
class Step:
    state: str
    data: dict
    replies: list[str]
    effect: Effect | None = None


def _ask_what() -> str:
    return _("Tell us in a few words what is happening and where it affects you.")


def _ask_where(context: Context) -> str:
    return _("Where is it? Write the UPZ or the barrio (%(choices)s), or share your location from WhatsApp.") % {
        "choices": context.upz_choices
    }


def _ask_photo() -> str:
    return _("If you have a photo, send it now. If not, answer NO.")


def _ask_consent() -> str:
    return _(
        "Hello, this is Usme Innova of the Alcaldía Local de Usme. To receive your report we keep your phone number "
        "and what you tell us, only to follow it up (Ley 1581 de 2012; policy at "
        "innova.usme.gov.co/politica-de-datos). Do you accept? Answer SI or NO."
    )


def step(state: str, data: dict, incoming: Incoming, context: Context) -> Step:
    text = (incoming.text or "").strip()
    folded = fold(text)
    data = dict(data)

    reference = REFERENCE.search(text)
    if reference and state in {"start", "done", "what"} and len(text) <= 20:
        return Step(state, data, [], Effect("status", {"number": int(reference.group(1))}))

    if folded in RESTART and state != "consent":
        return Step("what", {}, [_ask_what()]) if context.consented else Step("consent", {}, [_ask_consent()])

    if state in {"start", "done"}:
        if not context.consented:
            return Step("consent", {}, [_ask_consent()])
        return Step("what", {}, [_ask_what()])
    if state == "consent":
        return _consent_answered(folded, data)
    if state == "what":
        return _what_answered(text, data, context)
    if state == "where":
        return _where_answered(text, data, incoming, context)
    if state == "photo":
        return _photo_answered(folded, data, incoming)
    return Step("start", {}, [_ask_what()])


def _consent_answered(folded: str, data: dict) -> Step:
    if folded in YES:
        return Step("what", {}, [_("Thank you.") + " " + _ask_what()], Effect("consent"))
    if folded in NO:
        return Step(
            "start",
            {},
            [_("Understood. We keep nothing of this conversation. You can write again whenever you want.")],
            Effect("forget"),
        )
    return Step("consent", data, [_("Please answer SI or NO.") + " " + _ask_consent()])


def _what_answered(text: str, data: dict, context: Context) -> Step:
    if len(text) < MIN_DESCRIPTION:
        return Step("what", data, [_("Tell us a little more, please.") + " " + _ask_what()])
    data["description"] = text
    return Step("where", data, [_ask_where(context)])


def _where_answered(text: str, data: dict, incoming: Incoming, context: Context) -> Step:
    """A shared location (it must fall inside Usme) or the name of a UPZ or barrio."""
    if incoming.location is not None:
        code = context.locate(*incoming.location)
        if code is None:
            return Step(
                "where",
                data,
                [_("That location is outside Usme. Share a place inside the locality or write the UPZ.")],
            )
        data.update(upz=code, latitude=incoming.location[0], longitude=incoming.location[1])
        return Step("photo", data, [_ask_photo()])
    code = context.find_upz(text)
    if code is None:
        return Step("where", data, [_("We did not recognise that place.") + " " + _ask_where(context)])
    data["upz"] = code
    data["place"] = text
    return Step("photo", data, [_ask_photo()])


def _photo_answered(folded: str, data: dict, incoming: Incoming) -> Step:
    if incoming.media:
        data["media"] = incoming.media
    elif folded not in SKIP_PHOTO:
        return Step("photo", data, [_ask_photo()])
    return Step("done", {}, [], Effect("create_problem", data))
