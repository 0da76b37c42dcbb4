import rules
from django.utils import timezone

from innova.core.predicates import is_active_user, is_staff_member

from .models import Audience
from .sources import is_front_member


@rules.predicate
def is_organiser(user, event) -> bool:
    return event is not None and user.is_authenticated and event.organiser_id == user.pk


@rules.predicate
def registration_is_open(user, event) -> bool:
    if event is None:
        return True
    now = timezone.now()
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    closes = event.registration_closes_at or event.ends_at
    return now < closes


@rules.predicate
def audience_admits(user, event) -> bool:
    return event is None or event.audience == Audience.OPEN or is_front_member(user, event.front_id)


rules.add_perm("agenda.add_event", is_staff_member)
# Guests (no account) may register for open events; front-only events need a member's account.
rules.add_perm("agenda.register_event", registration_is_open & audience_admits)
rules.add_perm("agenda.manage_event", is_active_user & (is_staff_member | is_organiser))
