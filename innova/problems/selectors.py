from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from innova.core.fragments import instance_kept
from innova.core.pagecache import domains_version
from innova.core.participation import similar_rank, text_search
from innova.core.selectors import rows_exist
from innova.notifications.selectors import follow_match
from innova.territory.selectors import public_point

from .models import Problem, Status, Support

SORTS = {
    "apoyados": ("-support_count", "-id"),
    "recientes": ("-published_at", "-id"),
    "comentados": ("-comment_count", "-id"),
    "respondidos": ("-answered_at", "-id"),
}
DEFAULT_SORT = "apoyados"


@dataclass
class ProblemFilters:
    upz: int | None = None
    theme: int | None = None
    status: str | None = None
    answered: bool | None = None
    q: str = ""
    sort: str = DEFAULT_SORT


def problem_visible() -> QuerySet[Problem]:
    """Published problems not hidden by moderation: what lists, search, map and API show."""
    return Problem.objects.filter(published_at__isnull=False, hidden_at__isnull=True)


def problem_readable(*, user) -> QuerySet[Problem]:
    """Problems whose page ``user`` may open: published ones, and hidden ones only for those who moderate."""
    queryset = Problem.objects.filter(published_at__isnull=False)
    if not user.has_perm("problems.view_hidden"):
        queryset = queryset.filter(hidden_at__isnull=True)
    return queryset


def problem_for_page(*, user, pk: int) -> Problem | None:
    """The problem of a page, with its theme, UPZ and author, and for a signed-in reader ``supported`` and
    ``following`` (do they support it, follow it); None when ``user`` may not read it.

    A public problem (published, not hidden) is read once for all readers and kept under the versions of what it
    holds (core.fragments.instance_kept), so a page costs only the reader's own state: one small query. The problem
    it duplicates, if any, is read only when the page's head is rendered again."""
    problem = instance_kept(
        ["problem-page", str(pk), domains_version("problems", "accounts", "territory")],
        lambda: _problem_with_related(problem_visible()).filter(pk=pk).first(),
    )
    if problem is None:  # hidden (moderators may read it) or missing: read as this reader may
        problem = _problem_with_related(problem_readable(user=user)).filter(pk=pk).first()
    if problem is not None and user.is_authenticated:
        problem.supported, problem.following = rows_exist(
            (Support, {"problem": problem.pk, "user": user.pk}),
            follow_match(user=user, target_model=Problem, target_id=problem.pk),
        )
    return problem


def _problem_with_related(queryset: QuerySet[Problem]) -> QuerySet[Problem]:
    return queryset.select_related("theme", "upz", "author").defer("upz__boundary")


def problem_search(queryset: QuerySet[Problem], q: str) -> QuerySet[Problem]:
    """Spanish word search (shared mechanism, core.participation.text_search)."""
    return text_search(queryset, q)


def problem_list(*, filters: ProblemFilters) -> QuerySet[Problem]:
    # A UPZ's boundary (GeoJSON, kilobytes to decode) is for maps, not for a card.
    queryset = problem_visible().select_related("theme", "upz", "author").defer("upz__boundary")
    if filters.upz:
        queryset = queryset.filter(upz_id=filters.upz)
    if filters.theme:
        queryset = queryset.filter(theme_id=filters.theme)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.answered is True:
        queryset = queryset.filter(answered_at__isnull=False)
    elif filters.answered is False:
        queryset = queryset.filter(answered_at__isnull=True)
    if filters.q:
        queryset = problem_search(queryset, filters.q)
    order = SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    if filters.sort == "respondidos":
        queryset = queryset.filter(answered_at__isnull=False)
    return queryset.order_by(*order)


def problem_similar(*, title: str, description: str = "", exclude_pk: int | None = None, limit: int = 5) -> list:
    """Existing problems that look like the one being typed (shared Spanish text mechanism, core.participation)."""
    candidates = (
        problem_visible()
        .exclude(status=Status.DUPLICATE)
        .only("id", "title", "search_stems", "support_count", "status")
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return similar_rank(candidates=candidates, title=title, description=description, limit=limit)


def problem_pending_answer() -> dict[str, QuerySet[Problem]]:
    """For staff: problems past the support threshold without an official answer, overdue ones apart."""
    base = (
        problem_visible().filter(answer_due_at__isnull=False, answered_at__isnull=True).select_related("upz", "theme")
    )
    now = timezone.now()
    return {
        "overdue": base.filter(answer_due_at__lt=now).order_by("answer_due_at"),
        "awaiting": base.filter(answer_due_at__gte=now).order_by("answer_due_at"),
    }


def problem_map_points(*, filters: ProblemFilters, user=None) -> list[dict]:
    """Points for the problems map; coarsened (~110 m) unless ``user`` may see exact places."""
    queryset = (
        problem_list(filters=filters)
        .filter(latitude__isnull=False)
        .values("id", "title", "latitude", "longitude", "support_count", "status")
    )
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "lat": lat,
            "lon": lon,
            "supports": row["support_count"],
            "status": str(Status(row["status"]).label),
        }
        for row in queryset[:5000]
        for lat, lon in [public_point(user=user, lat=row["latitude"], lon=row["longitude"])]
    ]


def problem_personal_data(user) -> dict:
    return {
        "reported": [
            {
                "id": p.pk,
                "title": p.title,
                "description": p.description,
                "anonymous": p.anonymous,
                "created_at": p.created_at.isoformat(),
                "latitude": p.latitude,
                "longitude": p.longitude,
                "place_description": p.place_description,
                "photos": [photo.image.name for photo in p.photos.all()],
            }
            for p in Problem.objects.filter(author=user).prefetch_related("photos")
        ],
        "supported": list(Support.objects.filter(user=user).values_list("problem_id", flat=True)),
    }
