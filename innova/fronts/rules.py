import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member

from .models import MemberRole, Membership, MemberStatus
from .selectors import front_is_member


def _front_of(obj):
    return getattr(obj, "front", obj)


@rules.predicate
def is_front_coordinator(user, obj) -> bool:
    """Coordinators: facilitators and officials holding the coordinator role in this front."""
    front = _front_of(obj)
    if front is None or not is_official_or_staff(user):
        return False
    return Membership.objects.filter(
        front=front, user=user, role=MemberRole.COORDINATOR, status=MemberStatus.ACTIVE
    ).exists()


@rules.predicate
def is_front_member(user, obj) -> bool:
    front = _front_of(obj)
    return front is not None and front_is_member(user=user, front_id=front.pk)


rules.add_perm("fronts.create_front", is_official_or_staff)
rules.add_perm("fronts.join_front", is_active_user)
rules.add_perm("fronts.manage_front", is_front_coordinator | is_staff_member)
rules.add_perm("fronts.participate_front", is_front_member | is_staff_member)
