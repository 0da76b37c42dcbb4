import rules

from innova.core.predicates import is_official_or_staff


@rules.predicate
def is_open(user, debate) -> bool:
    return debate is None or debate.is_open


# Facilitators, administrators and verified officials open debates and close them with a conclusion.
rules.add_perm("debates.create_debate", is_official_or_staff)
rules.add_perm("debates.close_debate", is_official_or_staff & is_open)
