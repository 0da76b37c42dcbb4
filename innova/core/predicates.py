"""Shared django-rules predicates: who someone is on the platform.

Every app composes its ``rules.py`` from these, so "is this person an official?" has one answer.
Roles only count once verified: a *claimed* official role grants nothing until an administrator
verifies it (see ``innova.accounts.services.role_claim_verify``).
"""

import rules

from innova.core.roles import Role


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _has_role(*roles: str):
    @rules.predicate(name="has_role_" + "_or_".join(roles))
    def predicate(user) -> bool:
        return is_active_user(user) and user.role in roles

    return predicate


is_official = _has_role(Role.OFFICIAL)
is_contractor = _has_role(Role.CONTRACTOR)
is_facilitator = _has_role(Role.FACILITATOR)
is_administrator = _has_role(Role.ADMINISTRATOR)
# Lab staff: moderate, run sessions, move workflows.
is_staff_member = _has_role(Role.FACILITATOR, Role.ADMINISTRATOR)
# People who may answer in the name of the Alcaldía or move a problem's status.
is_official_or_staff = _has_role(Role.OFFICIAL, Role.FACILITATOR, Role.ADMINISTRATOR)
