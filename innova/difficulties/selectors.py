from django.db.models import Q, QuerySet

from innova.proposals.models import Proposal

from .models import ACTIVE_STATUSES, Difficulty, severity_band


def difficulty_visible() -> QuerySet[Difficulty]:
    """What the public register shows: difficulties of fronts and of published, visible proposals."""
    return Difficulty.objects.filter(
        Q(proposal__isnull=True) | Q(proposal__published_at__isnull=False, proposal__hidden_at__isnull=True)
    )


def difficulty_list(*, status: str = "", kind: str = "", front=None, proposal=None) -> QuerySet[Difficulty]:
    queryset = difficulty_visible().select_related("owner", "front", "proposal")
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    if front is not None:
        queryset = queryset.filter(Q(front=front) | Q(proposal__in=_front_proposals(front)))
    if proposal is not None:
        queryset = queryset.filter(proposal=proposal)
    return queryset


def _front_proposals(front):
    """Proposals that answer the problems of the front: their difficulties threaten the front too."""

    return Proposal.objects.filter(problems__in=front.problems.all()).values("pk")


def risk_matrix(*, front) -> list[dict]:
    """The 5×5 grid of a front's active difficulties: rows by likelihood (5 at the top), columns by impact 1–5."""

    cells: dict[tuple[int, int], list[Difficulty]] = {}
    for difficulty in difficulty_list(front=front).filter(status__in=ACTIVE_STATUSES).order_by("title"):
        cells.setdefault((difficulty.likelihood, difficulty.impact), []).append(difficulty)
    return [
        {
            "likelihood": likelihood,
            "cells": [
                {
                    "impact": impact,
                    "band": severity_band(likelihood, impact),
                    "items": cells.get((likelihood, impact), []),
                }
                for impact in range(1, 6)
            ],
        }
        for likelihood in range(5, 0, -1)
    ]


def difficulty_trail_entries(problem) -> list[dict]:
    """For a problem's trail: difficulties of the fronts working on it and of the proposals answering it."""
    queryset = difficulty_visible().filter(Q(front__problems=problem) | Q(proposal__problems=problem)).distinct()
    return [
        {
            "date": difficulty.created_at,
            "kind": Difficulty._meta.verbose_name,
            "title": difficulty.title,
            "url": difficulty.get_absolute_url(),
            "status": difficulty.get_status_display(),
            "status_code": difficulty.status,
        }
        for difficulty in queryset.order_by("created_at")
    ]


def difficulty_personal_data(user) -> list[dict]:
    return [
        {"title": d.title, "status": d.status, "review_date": d.review_date.isoformat() if d.review_date else None}
        for d in Difficulty.objects.filter(owner=user)
    ]
