"""What the debates domain publishes: the open dataset, the read-only API and the search source.

Found by ``innova.opendata.registry.autodiscover`` when Django starts. Only visible debates (not hidden by
moderation); never who opened a debate nor who argued, only counts.
"""

from django.utils.translation import gettext_lazy as _

from innova.opendata import registry

from . import selectors
from .api import DebateSerializer, DebateViewSet
from .models import DebateStatus


def _debate_rows():
    return selectors.debate_public_list().order_by("id")


DEBATE_FIELDS = registry.dataset_fields(
    DebateSerializer,
    registry.Column("id", "Stable identifier of the debate (also in /api/v1/debates/{id}/).", True),
    registry.Column("url", "Public page of the debate (path on the site).", True),
    registry.Column("question", "The question put to the locality.", True),
    registry.Column("context", "Context given with the question."),
    registry.Column("status", "open or closed.", True),
    registry.Column("front_id", "The work front the debate belongs to, empty if none."),
    registry.Column("arguments_for", "Visible arguments for.", True),
    registry.Column("arguments_against", "Visible arguments against.", True),
    registry.Column("comment_count", "Visible comments.", True),
    registry.Column("opened_at", "When the debate was opened.", True),
    registry.Column("closed_at", "When it was closed, empty while open."),
    registry.Column("conclusion", "The conclusion published when it was closed."),
)


def _search(q: str):
    """Matching visible debates, open ones first, newest first. A debate has no UPZ: a search narrowed to one UPZ
    finds no debate."""
    # "open" sorts after "closed": descending.
    return selectors.debate_search(selectors.debate_visible(), q).order_by("-status", "-created_at", "-id")


def _describe(debate) -> dict:
    return {
        "title": debate.title,
        "body": debate.conclusion or debate.context,
        "status": str(DebateStatus(debate.status).label),
        "date": debate.created_at,
    }


registry.register_dataset(
    registry.Dataset(
        name="debates",
        title="Debates de Usme",
        description="Questions put to the locality on Usme Innova, with the counts of arguments and comments and "
        "the conclusion once closed (who took part is never published).",
        rows=_debate_rows,
        fields=DEBATE_FIELDS,
    )
)
registry.register_api("debates", DebateViewSet, basename="debate")
registry.register_search(
    registry.SearchSource(kind="debates", label=_("Debates"), search=_search, describe=_describe, has_upz=False)
)
