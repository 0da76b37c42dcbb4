"""What the proposals domain publishes: open datasets, API endpoints, search and dashboard counts.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only published proposals not hidden by
moderation (never drafts); never the author, the co-authors, a supporter or the person who took a lifecycle step
(only that official's position, as problems' answers do).
"""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innova.opendata import registry

from . import selectors
from .api import ProposalSerializer, ProposalStatusChangeSerializer, ProposalViewSet
from .models import Proposal, Status, Support


def _proposal_rows():
    return selectors.proposal_public_rows().order_by("id")


PROPOSAL_FIELDS = registry.dataset_fields(
    ProposalSerializer,
    registry.Column("id", "Stable identifier of the proposal (also in /api/v1/proposals/{id}/).", True),
    registry.Column("url", "Public page of the proposal (path on the site).", True),
    registry.Column("title", "Title of the proposal.", True),
    registry.Column("summary", "Summary in up to 500 characters.", True),
    registry.Column("solution", "The solution proposed.", True),
    registry.Column("expected_impact", "Expected impact, empty when not given."),
    registry.Column(
        "status",
        "Lifecycle status code (published, in_study, viable, not_viable, prototype, implemented, evaluated).",
        True,
    ),
    registry.Column(
        "origin", "Where it came from (problem, card of a brainstorm, idea of the open idea box, new).", True
    ),
    registry.DatasetField(
        "beneficiary_upz_codes",
        "string",
        "Codes of the UPZs that benefit, separated by spaces (RURAL for the rural zone); empty when none.",
        lambda p: " ".join(upz.code for upz in p.public_upzs) or None,
    ),
    registry.DatasetField(
        "problem_ids",
        "string",
        "Published problems it addresses (problems.id), separated by spaces; empty when none.",
        lambda p: " ".join(str(problem.pk) for problem in p.public_problems) or None,
    ),
    registry.Column("support_count", "People who support it.", True),
    registry.Column("comment_count", "Public comments.", True),
    registry.Column("estimated_cost", "Estimated cost in Colombian pesos, when the authors gave one."),
    registry.Column("published_at", "When it was published.", True),
    registry.Column(
        "answer_due_at", "Deadline for the official answer (viable or not), once the support threshold is reached."
    ),
    registry.Column("answered_at", "When the Mayor's Office answered (it was declared viable or not viable)."),
)

STATUS_CHANGE_FIELDS = registry.dataset_fields(
    ProposalStatusChangeSerializer,
    registry.Column("id", "Stable identifier of the step.", True),
    registry.DatasetField("proposal_id", "integer", "The proposal (proposals.id).", lambda c: c.proposal_id, True),
    registry.Column("from_status", "Status before the step (draft for the publication)."),
    registry.Column("to_status", "Status after the step.", True),
    registry.Column("reason", "Public reason given for the step.", value=lambda c: c.reason or None),
    registry.Column(
        "decided_by_role",
        "Position and entity of the official or facilitator who took the step; empty for the publication.",
        value=lambda c: selectors.status_change_decided_by(c) or None,
    ),
    registry.Column("created_at", "When the step was taken.", True),
)


def _status_change_rows():
    return selectors.status_change_public().filter(proposal__in=selectors.proposal_visible()).order_by("id")


def _search(q: str):
    """Matching proposals, most supported first (the site search then puts title matches ahead).

    A proposal counts in its first beneficiary UPZ, by code: the search filters and the facets count the same."""
    queryset = selectors.proposal_with_first_upz(selectors.proposal_search(selectors.proposal_visible(), q))
    return queryset.order_by("-support_count", "-id")


def _describe(proposal) -> dict:
    upz_name = ""
    if proposal.upz_id:
        upz_name = proposal.upz_name if proposal.upz_code == "RURAL" else f"{proposal.upz_code} {proposal.upz_name}"
    return {
        "title": proposal.title,
        "body": f"{proposal.summary}\n{proposal.solution}",
        "status": str(Status(proposal.status).label),
        "upz_id": proposal.upz_id,
        "upz_name": upz_name,
        "date": proposal.published_at,
    }


def _counts(*, start=None, end=None, upz_id: int | None = None) -> registry.DashboardCounts:
    """Proposals published in the period (benefiting the UPZ if given); supports and answers given in the period
    to any published proposal. Answer times only for those that reached the support threshold."""
    visible = selectors.proposal_visible()
    if upz_id:
        visible = visible.filter(beneficiary_upzs=upz_id)
    base = registry.in_period(visible, "published_at", start, end)

    by_status = {str(Status(code).label): n for code, n in registry.count_by(base, "status").items()}
    beneficiaries = registry.in_upz(Proposal.beneficiary_upzs.through.objects.filter(proposal__in=base), upz_id)
    by_upz = registry.count_by(beneficiaries, "upz__code")
    # Those that reached the threshold get a deadline; the days are counted from publication, as for problems.
    now = timezone.now()
    due = base.filter(answer_due_at__isnull=False)
    figures = base.aggregate(
        total=Count("id"),
        answered=Count("id", filter=Q(answer_due_at__isnull=False, answered_at__isnull=False)),
        in_time=Count("id", filter=Q(answer_due_at__isnull=False, answered_at__lte=F("answer_due_at"))),
        overdue=Count("id", filter=Q(answer_due_at__lt=now, answered_at__isnull=True)),
    )
    answer_times = due.filter(answered_at__isnull=False).values_list("published_at", "answered_at")
    return registry.DashboardCounts(
        total=figures["total"],
        by_upz=by_upz,
        by_status=by_status,
        by_month=registry.count_by_month(base, "published_at"),
        answer_days=[max(0.0, (a - p).total_seconds() / 86400) for p, a in answer_times],
        answered_in_time=figures["in_time"],
        answers_due=figures["answered"] + figures["overdue"],
        extra={
            _("Supports given in the period"): registry.count_in_period(
                Support.objects.filter(proposal__in=visible), start, end
            ),
            _("Proposals answered (viable or not viable) in the period"): registry.count_in_period(
                visible.filter(answered_at__isnull=False), start, end, field_name="answered_at"
            ),
            _("Awaiting an official answer past the deadline (today)"): figures["overdue"],
        },
    )


registry.register_dataset(
    registry.Dataset(
        name="proposals",
        title="Propuestas de Usme",
        description="Proposals published by residents of Usme on Usme Innova, with their lifecycle status "
        "(authors and co-authors are never published).",
        rows=_proposal_rows,
        fields=PROPOSAL_FIELDS,
    )
)
registry.register_dataset(
    registry.Dataset(
        name="proposal_status_changes",
        title="Historial de las propuestas",
        description="Each public step of a proposal's lifecycle with its reason and the position of who took it "
        "(never the person).",
        rows=_status_change_rows,
        fields=STATUS_CHANGE_FIELDS,
    )
)
registry.register_dataset(
    registry.supports_by_month(
        "proposal",
        title="Apoyos a propuestas por mes",
        supports=lambda: Support.objects.filter(proposal__in=selectors.proposal_visible()),
    )
)
registry.register_api("proposals", ProposalViewSet, basename="proposal")
registry.register_search(
    registry.SearchSource(kind="proposals", label=_("Proposals"), search=_search, describe=_describe)
)
registry.register_dashboard(
    registry.DashboardSource(
        kind="proposals",
        label=_("Proposals"),
        counts=_counts,
        position=20,
        charts=(("upz", _("By beneficiary UPZ")), ("status", _("By status")), ("month", _("By month"))),
    )
)
