import rules

from innova.core.predicates import is_active_user, is_official_or_staff, is_staff_member


@rules.predicate
def is_published_and_visible(user, proposal) -> bool:
    return proposal is None or (proposal.published_at is not None and proposal.hidden_at is None)


def authored_by(proposal, user) -> bool:
    """``user`` is the author or an accepted co-author; co-authors read from a prefetch when the page made one."""
    if proposal is None or not user.is_authenticated:
        return False
    if proposal.author_id == user.pk:
        return True
    prefetched = getattr(proposal, "_prefetched_objects_cache", {}).get("coauthors")
    if prefetched is not None:
        return any(person.pk == user.pk for person in prefetched)
    return proposal.coauthors.filter(pk=user.pk).exists()


@rules.predicate
def is_an_author(user, proposal) -> bool:
    """The author or an accepted co-author."""
    return authored_by(proposal, user)


@rules.predicate
def is_draft(user, proposal) -> bool:
    return proposal is not None and proposal.published_at is None


rules.add_perm("proposals.create_proposal", is_active_user)
# Drafts are private to their authors until published; moderators also see hidden ones.
rules.add_perm("proposals.view_proposal", is_published_and_visible | is_an_author | is_staff_member)
rules.add_perm("proposals.edit_proposal", is_active_user & is_an_author)
rules.add_perm("proposals.publish_proposal", is_active_user & is_an_author & is_draft)
rules.add_perm("proposals.invite_coauthor", is_active_user & is_an_author)
rules.add_perm("proposals.support_proposal", is_active_user & is_published_and_visible)
# Facilitators and verified officials move a proposal through its lifecycle (viable / not viable is the answer).
rules.add_perm("proposals.change_status", is_official_or_staff)
rules.add_perm("proposals.view_pending", is_official_or_staff)
# The open idea box: anyone may send an idea, with or without an account; the lab's staff triage them.
rules.add_perm("proposals.submit_idea", rules.always_allow)
rules.add_perm("proposals.triage_idea", is_staff_member)
