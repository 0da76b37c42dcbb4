"""What the debates domain publishes: the open dataset, the read-only API and the search source.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only visible debates (not hidden by
moderation); never who opened a debate nor who argued, only counts.
"""

from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy as _

from innova.opendata.registry import (
    Dataset,
    DatasetField,
    SearchHit,
    SearchSource,
    iso,
    register_api,
    register_dataset,
    register_search,
)

from . import selectors
from .api import DebateViewSet
from .models import DebateStatus


def _debate_rows():
    return selectors.debate_public_list().order_by("id")


DEBATE_FIELDS = (
    DatasetField(
        "id", "integer", "Stable identifier of the debate (also in /api/v1/debates/{id}/).", lambda d: d.pk, True
    ),
    DatasetField(
        "url", "string", "Public page of the debate (path on the site).", lambda d: d.get_absolute_url(), True
    ),
    DatasetField("question", "string", "The question put to the locality.", lambda d: d.title, True),
    DatasetField("context", "string", "Context given with the question.", lambda d: d.context),
    DatasetField("status", "string", "open or closed.", lambda d: d.status, True),
    DatasetField("front_id", "integer", "The work front the debate belongs to, empty if none.", lambda d: d.front_id),
    DatasetField("arguments_for", "integer", "Visible arguments for.", lambda d: d.arguments_for, True),
    DatasetField("arguments_against", "integer", "Visible arguments against.", lambda d: d.arguments_against, True),
    DatasetField("comment_count", "integer", "Visible comments.", lambda d: d.public_comment_count, True),
    DatasetField("opened_at", "datetime", "When the debate was opened.", lambda d: iso(d.created_at), True),
    DatasetField("closed_at", "datetime", "When it was closed, empty while open.", lambda d: iso(d.closed_at)),
    DatasetField("conclusion", "string", "The conclusion published when it was closed.", lambda d: d.conclusion),
)


def _search(q: str, upz_id: int | None):
    """Matching visible debates, open ones first, newest first. A debate has no UPZ: ``upz_id`` (None, for the
    search facets) is annotated, and a search narrowed to one UPZ finds no debate."""
    queryset = selectors.debate_search(selectors.debate_visible(), q).annotate(
        upz_id=Value(None, output_field=IntegerField())
    )
    if upz_id:
        return queryset.none()
    return queryset.order_by("-status", "-created_at", "-id")  # "open" sorts after "closed": descending


def _hit(debate) -> SearchHit:
    return SearchHit(
        kind="debates",
        title=debate.title,
        body=debate.conclusion or debate.context,
        url=debate.get_absolute_url(),
        status=str(DebateStatus(debate.status).label),
        upz_id=None,
        upz_name="",
        date=debate.created_at,
    )


register_dataset(
    Dataset(
        name="debates",
        title="Debates de Usme",
        description="Questions put to the locality on Usme Innova, with the counts of arguments and comments and "
        "the conclusion once closed (who took part is never published).",
        rows=_debate_rows,
        fields=DEBATE_FIELDS,
    )
)
register_api("debates", DebateViewSet, basename="debate")
register_search(SearchSource(kind="debates", label=_("Debates"), search=_search, hit=_hit))
