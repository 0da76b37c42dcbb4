from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innova.core.permissions import require_perm
from innova.core.services import audit_record

from .models import Debate, DebateStatus


@transaction.atomic
def debate_create(
    *,
    author,
    title: str,
    context: str = "",
    front_id: int | None = None,
    has_opinion_map: bool = True,
    allow_anonymous_opinions: bool = False,
) -> Debate:
    require_perm(author, "debates.create_debate")
    if not title.strip():
        raise ValidationError(_("Write the question of the debate."))
    return Debate.objects.create(
        title=title.strip(),
        context=context.strip(),
        created_by=author,
        front_id=front_id,
        has_opinion_map=has_opinion_map,
        allow_anonymous_opinions=allow_anonymous_opinions,
    )


@transaction.atomic
def debate_close(*, actor, debate: Debate, conclusion: str) -> Debate:
    """Close the debate: no more votes or statements; the conclusion is shown in public."""
    debate = Debate.objects.select_for_update().get(pk=debate.pk)
    require_perm(actor, "debates.close_debate", debate)
    if not debate.is_open:  # superusers pass every rule: the state is checked here too
        raise ValidationError(_("This debate is already closed."))
    if not conclusion.strip():
        raise ValidationError(_("Write the conclusion of the debate; it is shown in public."))
    debate.status = DebateStatus.CLOSED
    debate.conclusion = conclusion.strip()
    debate.closed_at = timezone.now()
    debate.save(update_fields=["status", "conclusion", "closed_at"])
    audit_record(actor=actor, action="debates.closed", target=debate, reason=debate.conclusion)
    return debate
