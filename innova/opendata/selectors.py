import hashlib
import re
import statistics
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe

from innova.comments.models import Comment
from innova.core.text import SPANISH_STOP_WORDS, fold, stem, stems
from innova.territory.models import Upz

from . import registry
from .models import ApiToken

SNIPPET_CHARS = 200
_TOKEN = re.compile(r"\w+", re.UNICODE)


def highlight(text: str, q: str, *, length: int = SNIPPET_CHARS) -> str:
    """An HTML-safe snippet of ``text`` around the first word matching ``q``, matches wrapped in <mark>.

    A word matches when its accent-folded Snowball stem equals a stem of the query, so "arboles" marks "árboles"
    and "inseguridad" marks "inseguro" — the same rule the search itself uses (innova.core.text).
    """
    wanted = set(stems(q))
    text = text or ""
    matches = [
        m for m in _TOKEN.finditer(text) if (w := fold(m.group())) not in SPANISH_STOP_WORDS and stem(w) in wanted
    ]
    start = 0
    if matches and len(text) > length:
        start = max(0, matches[0].start() - length // 4)
        # Do not cut a word in half.
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    end = min(len(text), start + length)
    parts, cursor = [], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        parts.append(escape(text[cursor : m.start()]))
        parts.append(f"<mark>{escape(m.group())}</mark>")
        cursor = m.end()
    parts.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308  # nosec B308 B703 - every piece escaped above


@dataclass
class SearchResults:
    q: str
    hits: list = field(default_factory=list)  # [(SearchHit, title_html, snippet_html)]
    by_kind: list = field(default_factory=list)  # [(kind, label, count)]
    by_upz: list = field(default_factory=list)  # [(upz_id, name, count)]
    total: int = 0


def _title_score(title: str, wanted: set[str]) -> int:
    return len(wanted & set(stems(title)))


def _facets(source: registry.SearchSource, q: str) -> dict[int, int]:
    """Matches per UPZ of one source, in one grouped query, cached for a minute like the list counts."""
    key = "search-facets:" + hashlib.sha256(f"{source.kind}:{fold(q)}".encode()).hexdigest()

    def compute():
        rows = source.matches(q, None).order_by().values("upz_id").annotate(n=Count("pk"))
        return {row["upz_id"]: row["n"] for row in rows}

    return cache.get_or_set(key, compute, 60)


def search_everything(
    *, q: str, kind: str = "", upz_id: int | None = None, limit: int = 20, pool: int = 40
) -> SearchResults:
    """The site-wide search over every registered source, with counts per type and per UPZ (the facets).

    Each source orders its matches (most supported first for problems); among the first ``pool`` of them, those
    with the query's words in the title come first.
    """
    results = SearchResults(q=q)
    wanted = set(stems(q))
    if not wanted:
        return results

    upz_counts: dict[int, int] = {}
    for source in registry.search_sources():
        facets = _facets(source, q)
        for pk, n in facets.items():
            if pk:
                upz_counts[pk] = upz_counts.get(pk, 0) + n
        count = facets.get(upz_id, 0) if upz_id else sum(facets.values())
        results.by_kind.append((source.kind, source.label, count))
        if kind and kind != source.kind:
            continue
        results.total += count
        if not count:
            continue  # the facets already say nothing matches here: spare the query
        rows = [source.hit(row) for row in source.matches(q, upz_id)[:pool]]
        rows.sort(key=lambda hit: -_title_score(hit.title, wanted))  # stable: keeps the source's order
        for hit in rows[:limit]:
            results.hits.append((hit, highlight(hit.title, q, length=400), highlight(hit.body, q)))
    names = {u.pk: str(u) for u in Upz.objects.filter(pk__in=upz_counts)}
    results.by_upz = sorted(
        ((pk, names.get(pk, "?"), n) for pk, n in upz_counts.items()), key=lambda item: (-item[2], item[1])
    )
    return results


@dataclass
class Dashboard:
    sections: list = field(default_factory=list)  # [(source, DashboardCounts)]
    median_answer_days: float | None = None
    answered_in_time_share: float | None = None


def dashboard(*, start=None, end=None, upz_id: int | None = None) -> Dashboard:
    result = Dashboard()
    days: list[float] = []
    in_time = due = 0
    for source in registry.dashboard_sources():
        counts = source.counts(start=start, end=end, upz_id=upz_id)
        result.sections.append((source, counts))
        days.extend(counts.answer_days)
        in_time += counts.answered_in_time
        due += counts.answers_due
    if days:
        result.median_answer_days = round(statistics.median(days), 1)
    if due:
        result.answered_in_time_share = round(100 * in_time / due)
    return result


def api_token_personal_data(user) -> dict:
    return {
        "api_keys": [
            {"label": t.label, "created_at": t.created_at.isoformat()} for t in ApiToken.objects.filter(user=user)
        ]
    }


def month_activity(*, start, end) -> dict:
    """Participation in a period that belongs to no single domain (comments on anything)."""

    return {"comments": Comment.objects.filter(created_at__date__gte=start, created_at__date__lte=end).count()}
