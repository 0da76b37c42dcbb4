"""What the accounts publish: only the dashboard's count of people who signed up, by month, UPZ and role.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Never a dataset, an API or a search of
people: aggregated counts only. The UPZ is the one people gave with their consent to anonymous statistics;
deleted accounts are not counted.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from innova.core.roles import Role
from innova.opendata.registry import (
    DashboardCounts,
    DashboardSource,
    count_by,
    count_by_month,
    in_period,
    in_upz,
    register_dashboard,
)

from .models import User


def _counts(*, start=None, end=None, upz_id: int | None = None) -> DashboardCounts:
    """People who signed up in the period (by the day they joined)."""
    base = in_upz(in_period(User.objects.filter(deleted_at__isnull=True), "date_joined", start, end), upz_id)
    figures = base.aggregate(total=Count("id"), without_upz=Count("id", filter=Q(upz__isnull=True)))
    return DashboardCounts(
        total=figures["total"],
        by_upz=count_by(base, "upz__code"),
        by_status={str(Role(code).label): n for code, n in count_by(base, "role").items()},
        by_month=count_by_month(base, "date_joined"),
        extra={_("Signed up without giving their UPZ"): figures["without_upz"]},
    )


register_dashboard(
    DashboardSource(
        kind="participants",
        label=_("Participants"),
        counts=_counts,
        position=90,
        charts=(("upz", _("By UPZ where they live")), ("status", _("By role")), ("month", _("By month of sign-up"))),
    )
)
