"""Build the e-mail of one delivery: Spanish HTML + plain text, an unsubscribe link per kind, List-Unsubscribe."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from . import selectors
from .kinds import label_of
from .models import Frequency
from .services.preferences import ALL_KINDS, unsubscribe_token


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(*, user, kind: str) -> str:
    return site_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=kind)]))


def email_message_build(*, delivery, notifications) -> EmailMultiAlternatives:
    user = delivery.user
    with translation.override(settings.LANGUAGE_CODE):
        kinds = list(dict.fromkeys(n.kind for n in notifications))
        for notification in notifications:
            notification.target_label = str(notification.target) if notification.target is not None else ""
            notification.absolute_url = site_url(notification.url) if notification.url.startswith("/") else ""
        groups = selectors.digest_groups(notifications)
        for group in groups:
            for item in group["targets"]:
                item["url"] = site_url(item["url"]) if item["url"].startswith("/") else ""
        context = {
            "user": user,
            "delivery": delivery,
            "notifications": notifications,
            "groups": groups,
            "is_digest": delivery.frequency != Frequency.IMMEDIATE,
            "unsubscribe_links": [
                {"label": label_of(kind), "url": unsubscribe_url(user=user, kind=kind)} for kind in kinds
            ],
            "unsubscribe_all_url": unsubscribe_url(user=user, kind=ALL_KINDS),
            "preferences_url": site_url(reverse("notifications:preferences")),
            "notifications_url": site_url(reverse("notifications:index")),
        }
        if delivery.frequency == Frequency.DAILY:
            subject = ngettext(
                "Your daily summary from Usme Innova (%(count)s news)",
                "Your daily summary from Usme Innova (%(count)s news)",
                len(notifications),
            ) % {"count": len(notifications)}
        elif delivery.frequency == Frequency.WEEKLY:
            subject = ngettext(
                "Your weekly summary from Usme Innova (%(count)s news)",
                "Your weekly summary from Usme Innova (%(count)s news)",
                len(notifications),
            ) % {"count": len(notifications)}
        else:
            subject = notifications[0].message
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    header_url = context["unsubscribe_links"][0]["url"] if len(kinds) == 1 else context["unsubscribe_all_url"]
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}"[:200],
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{header_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
