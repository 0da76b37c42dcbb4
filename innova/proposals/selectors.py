import difflib
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from innova.core.fragments import instance_kept
from innova.core.pagecache import domains_version
from innova.core.participation import similar_rank, text_search
from innova.core.selectors import rows_exist
from innova.problems.selectors import problem_visible
from innova.territory.models import Upz

from .models import Idea, IdeaStatus, Invitation, Proposal, Status, StatusChange, Support, Version

SORTS = {
    "apoyadas": ("-support_count", "-id"),
    "recientes": ("-published_at", "-id"),
    "comentadas": ("-comment_count", "-id"),
}
DEFAULT_SORT = "apoyadas"


@dataclass
class ProposalFilters:
    upz: int | None = None
    status: str | None = None
    origin: str | None = None
    problem: int | None = None
    q: str = ""
    sort: str = DEFAULT_SORT


def proposal_visible() -> QuerySet[Proposal]:
    """Published proposals not hidden by moderation: what lists, search and the trail show."""
    return Proposal.objects.filter(published_at__isnull=False, hidden_at__isnull=True)


def proposal_search(queryset: QuerySet[Proposal], q: str) -> QuerySet[Proposal]:
    """Proposals whose title, summary or solution hold the Spanish words of ``q`` (accents do not matter)."""
    return text_search(queryset, q)


def proposal_with_first_upz(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Annotate ``upz_id``, ``upz_code`` and ``upz_name``: the first beneficiary UPZ by code (None when none), the one
    UPZ a proposal is counted in by the site search and its facets."""
    first = Upz.objects.filter(proposals=OuterRef("pk")).order_by("code")
    return queryset.annotate(
        upz_id=Subquery(first.values("pk")[:1]),
        upz_code=Subquery(first.values("code")[:1]),
        upz_name=Subquery(first.values("name")[:1]),
    )


def status_change_public(proposal_id: int | None = None) -> QuerySet[StatusChange]:
    """The public lifecycle steps (from publication on), with the decider's position, never the person."""
    queryset = StatusChange.objects.exclude(to_status=Status.DRAFT).select_related("actor")
    if proposal_id is not None:
        queryset = queryset.filter(proposal_id=proposal_id)
    return queryset.order_by("created_at", "pk")


def status_change_decided_by(change: StatusChange) -> str:
    """Position (and entity) of the official or facilitator who took a lifecycle step; empty for the authors'
    own step (publishing), so an author's role never shows, nor for citizens and deleted accounts."""
    if change.from_status in ("", Status.DRAFT) or change.actor is None:
        return ""
    return change.actor.role_label


def proposal_public_rows() -> QuerySet[Proposal]:
    """Published, visible proposals with their beneficiary UPZs and their published problems, in one go each."""
    return proposal_visible().prefetch_related(
        Prefetch("beneficiary_upzs", queryset=Upz.objects.order_by("code"), to_attr="public_upzs"),
        Prefetch("problems", queryset=problem_visible().only("id").order_by("id"), to_attr="public_problems"),
    )


def proposal_for_page(*, user, pk: int) -> Proposal | None:
    """What a proposal's page reads: the proposal, its author, the idea it came from, how many versions it has, its
    co-authors (named on the page, and who may edit it: ``rules.is_an_author`` reads them from here) and, for a
    signed-in reader, ``supported``. None when there is no such proposal; whether ``user`` may read it is the
    view's ``proposals.view_proposal``.

    A public proposal (published, not hidden) is read once for all readers and kept under the versions of what it
    holds (core.fragments.instance_kept): a page then costs only the reader's own state, one small query."""
    proposal = instance_kept(
        ["proposal-page", str(pk), domains_version("proposals", "accounts")],
        lambda: _proposal_with_related(proposal_visible()).filter(pk=pk).first(),
    )
    if proposal is None:  # a draft, a hidden one or none: read each time, the view decides who may see it
        proposal = _proposal_with_related(Proposal.objects.all()).filter(pk=pk).first()
    if proposal is not None and user.is_authenticated:
        (proposal.supported,) = rows_exist((Support, {"proposal": proposal.pk, "user": user.pk}))
    return proposal


def _proposal_with_related(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    versions = Version.objects.filter(proposal=OuterRef("pk")).order_by().values("proposal")
    return (
        queryset.select_related("author", "source_idea")
        .prefetch_related("coauthors")
        .annotate(version_count=Coalesce(Subquery(versions.annotate(n=Count("pk")).values("n")), 0))
    )


def proposal_list(*, filters: ProposalFilters) -> QuerySet[Proposal]:
    queryset = proposal_visible().select_related("author")
    if filters.upz:
        queryset = queryset.filter(beneficiary_upzs=filters.upz)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.origin:
        queryset = queryset.filter(origin=filters.origin)
    if filters.problem:
        queryset = queryset.filter(problems=filters.problem)
    if filters.q:
        queryset = proposal_search(queryset, filters.q)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def proposal_mine(*, user) -> QuerySet[Proposal]:
    """Everything the person authors or co-authors, drafts included."""
    return (
        Proposal.objects.filter(Q(author=user) | Q(coauthors=user))
        .distinct()
        .select_related("author")
        .order_by("-updated_at", "-id")
        if user.is_authenticated
        else Proposal.objects.none()
    )


def proposal_similar(*, title: str, description: str = "", exclude_pk: int | None = None, limit: int = 5) -> list:
    """Published proposals that look like the one being typed (the same mechanism as problems)."""
    candidates = proposal_visible().only("id", "title", "search_stems", "support_count", "status")
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return similar_rank(candidates=candidates, title=title, description=description, limit=limit)


@dataclass
class VersionDiff:
    version: object
    lines: list[tuple[str, str]]  # (kind: "add" | "del" | "same" | "gap", text)


def proposal_versions(*, proposal: Proposal) -> list[VersionDiff]:
    """Each version with what changed since the one before (the first one in full), newest first."""
    versions = list(proposal.versions.select_related("editor").order_by("number"))
    result = []
    previous = ""
    for version in versions:
        if not previous:
            lines = [("same", line) for line in version.text.splitlines()]
        else:
            lines = []
            for line in difflib.unified_diff(previous.splitlines(), version.text.splitlines(), lineterm="", n=1):
                if line.startswith(("---", "+++")):
                    continue
                if line.startswith("@@"):
                    lines.append(("gap", "…"))
                elif line.startswith("+"):
                    lines.append(("add", line[1:]))
                elif line.startswith("-"):
                    lines.append(("del", line[1:]))
                else:
                    lines.append(("same", line[1:]))
        result.append(VersionDiff(version=version, lines=lines))
        previous = version.text
    return list(reversed(result))


def proposal_pending_answer() -> dict[str, QuerySet[Proposal]]:
    base = proposal_visible().filter(answer_due_at__isnull=False, answered_at__isnull=True)
    now = timezone.now()
    return {
        "overdue": base.filter(answer_due_at__lt=now).order_by("answer_due_at"),
        "awaiting": base.filter(answer_due_at__gte=now).order_by("answer_due_at"),
    }


def proposal_trail_entries(problem) -> list[dict]:
    """For a problem's trail: the published proposals that answer it."""
    return [
        {
            "date": proposal.published_at,
            "kind": Proposal._meta.verbose_name,
            "title": proposal.title,
            "url": proposal.get_absolute_url(),
            "status": proposal.get_status_display(),
            "status_code": proposal.status,
        }
        for proposal in proposal_visible().filter(problems=problem).order_by("published_at")
    ]


def invitation_pending(*, proposal: Proposal) -> QuerySet[Invitation]:
    return proposal.invitations.filter(accepted_at__isnull=True)


def idea_queue() -> QuerySet[Idea]:
    return Idea.objects.filter(status=IdeaStatus.NEW).select_related("author").order_by("created_at")


def idea_recent_triaged(limit: int = 20) -> QuerySet[Idea]:
    return Idea.objects.exclude(status=IdeaStatus.NEW).select_related("triaged_by").order_by("-triaged_at")[:limit]


def proposal_personal_data(user) -> dict:
    return {
        "authored": [
            {
                "id": p.pk,
                "title": p.title,
                "summary": p.summary,
                "solution": p.solution,
                "published": p.published_at is not None,
                "created_at": p.created_at.isoformat(),
            }
            for p in Proposal.objects.filter(author=user)
        ],
        "coauthored": list(Proposal.objects.filter(coauthors=user).values_list("id", flat=True)),
        "supported": list(Support.objects.filter(user=user).values_list("proposal_id", flat=True)),
        "ideas": [{"body": i.body, "status": i.status, "reason": i.reason} for i in Idea.objects.filter(author=user)],
    }
