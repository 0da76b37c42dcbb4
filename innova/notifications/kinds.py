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
    "agenda_reminder": _("Reminder: %(target)s is tomorrow."),
    "proposal_status_changed": _("A proposal you follow changed status: %(target)s."),
}
