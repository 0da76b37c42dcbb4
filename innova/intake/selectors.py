from django.db.models import Count

from innova.core.text import fold
from innova.problems.models import Problem
from innova.territory.models import Upz
from innova.territory.selectors import upz_for_point

from .models import Channel, Conversation

# Barrios and veredas people name instead of their UPZ.
BARRIOS = {
    "santa librada": "57",
    "yomasa": "57",
    "betania": "57",
    "la aurora": "58",
    "chuniza": "58",
    "comuneros": "58",
    "monteblanco": "61",
    "el uval": "61",
    "usme pueblo": "61",
    "usme centro": "61",
    "la marichuela": "59",
    "alfonso lopez": "59",
    "el virrey": "56",
    "danubio": "56",
    "la flora": "52",
    "entrenubes": "60",
    "olarte": "RURAL",
    "los soches": "RURAL",
    "el destino": "RURAL",
    "rural": "RURAL",
    "vereda": "RURAL",
}


def reference_code(problem) -> str:
    return problem.reference


def upz_code_from_text(text: str) -> str | None:
    folded = fold(text)
    for upz in Upz.objects.all():
        if upz.code.isdigit() and (folded.strip() == upz.code or f"upz {upz.code}" in folded):
            return upz.code
        if fold(upz.name) in folded:
            return upz.code
    for barrio, code in BARRIOS.items():
        if barrio in folded:
            return code
    return None


def upz_code_for_point(lat: float, lon: float) -> str | None:
    upz = upz_for_point(lat=lat, lon=lon)
    return upz.code if upz else None


def upz_choices_text() -> str:
    return ", ".join(f"{u.code} {u.name}" for u in Upz.objects.filter(kind=Upz.Kind.URBAN)) + ", zona rural"


def intake_channel_counts() -> dict[str, int]:

    counts = dict(Problem.objects.filter(published_at__isnull=False).values_list("channel").annotate(n=Count("id")))
    return {label: counts.get(value, 0) for value, label in Channel.choices}


def intake_personal_data(user) -> list[dict]:
    return [
        {
            "channel": c.channel,
            "phone": c.phone,
            "consented_at": c.consented_at.isoformat() if c.consented_at else None,
            "problem": c.problem_id,
        }
        for c in Conversation.objects.filter(user=user)
    ]
