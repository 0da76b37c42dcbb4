from django.db.models import QuerySet

from .models import Debate


def debate_list(*, status: str | None = None) -> QuerySet[Debate]:
    queryset = Debate.objects.select_related("created_by")
    if status:
        queryset = queryset.filter(status=status)
    return queryset
