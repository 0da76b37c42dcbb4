"""What the accounts publish: only the dashboard's count of people who signed up, by month, UPZ and role.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Never a dataset, an API or a search of
people: aggregated counts only. The UPZ is the one people gave with their consent to anonymous statistics;
deleted accounts are not counted.
"""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import DashboardCounts, DashboardSource, register_dashboard

from .models import User
from .roles import Role


def _counts(*, start=None, end=None, upz_id: int | None = None) -> DashboardCounts:
    """People who signed up in the period (by the day they joined)."""
    base = User.objects.filter(deleted_at__isnull=True)
    if start:
        base = base.filter(date_joined__date__gte=start)
    if end:
        base = base.filter(date_joined__date__lte=end)
    if upz_id:
        base = base.filter(upz_id=upz_id)

    def grouped(field):
        rows = base.values(field).annotate(n=Count("id")).order_by(field)
        return {row[field]: row["n"] for row in rows if row[field] is not None}

    months = base.annotate(month=TruncMonth("date_joined")).values("month").annotate(n=Count("id")).order_by("month")
    figures = base.aggregate(total=Count("id"), without_upz=Count("id", filter=Q(upz__isnull=True)))
    return DashboardCounts(
        total=figures["total"],
        by_upz=grouped("upz__code"),
        by_status={str(Role(code).label): n for code, n in grouped("role").items()},
        by_month={row["month"].strftime("%Y-%m"): row["n"] for row in months if row["month"]},
        extra={_("Signed up without giving their UPZ"): figures["without_upz"]},
    )


register_dashboard(DashboardSource(kind="participants", label=_("Participants"), counts=_counts, position=90))
