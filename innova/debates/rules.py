import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member


@rules.predicate
def is_open(user, debate) -> bool:
    return debate is None or debate.is_open


@rules.predicate
def is_not_hidden(user, obj) -> bool:
    return obj is None or obj.hidden_at is None


# Everyone reads a debate; once moderation hides it, only the moderators do.
rules.add_perm("debates.view_debate", is_not_hidden | is_staff_member)
# Facilitators, administrators and verified officials open debates and close them with a conclusion.
rules.add_perm("debates.create_debate", is_official_or_staff)
rules.add_perm("debates.close_debate", is_official_or_staff & is_open)


@rules.predicate
def argument_is_supportable(user, argument) -> bool:
    return argument is None or (argument.hidden_at is None and argument.debate.is_open)


@rules.predicate
def is_not_argument_author(user, argument) -> bool:
    return argument is None or argument.author_id != user.pk


# Anyone with an active account argues for or against while the debate is open, and supports others' arguments.
rules.add_perm("debates.add_argument", is_active_user & is_open)
rules.add_perm("debates.support_argument", is_active_user & argument_is_supportable & is_not_argument_author)
# Citizens ask for a debate; facilitators and administrators answer the requests.
rules.add_perm("debates.request_debate", is_active_user)
rules.add_perm("debates.answer_request", is_staff_member)
