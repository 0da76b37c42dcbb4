"""Every kind of notification, with the sentence the recipient reads.

A domain emits a kind by name; adding a kind is adding a line here.
"""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "role_verified": _("Your role was verified: %(target)s."),
    "role_rejected": _("Your role claim was not verified: %(target)s."),
    "content_hidden": _("Your content was hidden by moderation: %(target)s."),
    "content_unhidden": _("Your content is visible again: %(target)s."),
    "problem_status_changed": _("A problem you follow changed status: %(target)s."),
    "problem_answered": _("A problem you follow got an official answer: %(target)s."),
    "comment_reply": _("Someone replied to your comment on %(target)s."),
    "mentioned": _("%(actor)s mentioned you in %(target)s."),
    "agenda_promoted": _("A seat opened for you at %(target)s: you are registered."),
    "proposal_status_changed": _("A proposal you support or follow changed status: %(target)s."),
    "event_tomorrow": _("Reminder: %(target)s is tomorrow."),
    "followed_activity": _("New activity on %(target)s, which you follow."),
    "comment_added": _("%(actor)s commented on %(target)s, which you follow."),
    "board_card_added": _("New card on a board you follow: %(target)s."),
    "debate_request_answered": _("Your request for a debate was answered: %(target)s."),
    "difficulty_review_due": _("The review of a difficulty you own is overdue: %(target)s."),
}

# Two families with different defaults. "Answers to my things" (someone answered, decided or moderated something I
# wrote, support or asked for) arrive at once; "activity on things I follow" arrives in a weekly e-mail digest.
# A kind not listed in ACTIVITY is an answer.
ANSWERS = "answers"
ACTIVITY = "activity"
ACTIVITY_KINDS = {"followed_activity", "comment_added", "board_card_added"}
CATEGORY_LABELS = {
    ANSWERS: _("Answers to what I wrote, support or follow closely"),
    ACTIVITY: _("Activity on what I follow"),
}

# Short names for the preferences page and the digest headings.
LABELS = {
    "role_verified": _("My official role was verified"),
    "role_rejected": _("My role claim was not verified"),
    "content_hidden": _("My content was hidden by moderation (with the reason)"),
    "content_unhidden": _("My content is visible again"),
    "problem_status_changed": _("Status of a problem I reported, support or follow"),
    "problem_answered": _("Official answer to a problem I reported, support or follow"),
    "comment_reply": _("Replies to my comments"),
    "mentioned": _("Someone mentioned me"),
    "proposal_status_changed": _("Status of a proposal I wrote, support or follow"),
    "event_tomorrow": _("Events I signed up for, the day before"),
    "agenda_promoted": _("A seat opened for me at an event with a waiting list"),
    "followed_activity": _("New activity on what I follow"),
    "comment_added": _("New comments on what I follow"),
    "board_card_added": _("New cards on boards I follow"),
    "debate_request_answered": _("Answers to the debates I asked for"),
    "difficulty_review_due": _("Overdue reviews of difficulties I own"),
}


def category_of(kind: str) -> str:
    return ACTIVITY if kind in ACTIVITY_KINDS else ANSWERS


def label_of(kind: str):
    return LABELS.get(kind, kind)
