from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from . import selectors
from .forms import PreferencesForm
from .kinds import CATEGORY_LABELS, label_of
from .services.bell import notification_mark_read
from .services.emit import target_url
from .services.follows import follow_set_checked
from .services.preferences import ALL_KINDS, preferences_update, unsubscribe_apply, unsubscribe_token_read
from .templatetags.notifications import follow_button_context


@login_required
def index(request):
    return render(
        request,
        "notifications/index.html",
        {
            "notifications": selectors.notification_list(user=request.user)[:100],
            "unread": selectors.notification_unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def mark_read(request):
    notification_mark_read(user=request.user)
    return redirect("notifications:index")


@login_required
@require_POST
def mark_one_read(request, pk: int):
    notification_mark_read(user=request.user, notification_id=pk)
    return redirect("notifications:index")


@login_required
def preferences(request):
    rows = selectors.preference_rows(user=request.user)
    form = PreferencesForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        preferences_update(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification preferences were saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "category_labels": CATEGORY_LABELS})


def _masked(email: str) -> str:
    """Whoever holds a forwarded link should not learn the whole address: "m•••@correo.example"."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


@csrf_exempt
def unsubscribe(request, token: str):
    """GET asks, POST applies. Mail clients' one-click POST (RFC 8058, body ``List-Unsubscribe=One-Click``) needs
    no CSRF token, the signed token is its credential; the confirmation form on the page is CSRF-protected."""
    if request.method == "POST" and request.POST.get("List-Unsubscribe") != "One-Click":
        return _unsubscribe_confirmed(request, token)
    return _unsubscribe(request, token)


def _unsubscribe(request, token: str):
    try:
        user, kind = unsubscribe_token_read(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    context = {"kind": kind, "all_kinds": kind == ALL_KINDS, "label": label_of(kind), "email": _masked(user.email)}
    if request.method == "POST":
        unsubscribe_apply(token=token)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)


_unsubscribe_confirmed = csrf_protect(_unsubscribe)


@login_required
@require_POST
def follow(request, content_type_id: int, object_id: int):
    """The generic follow button of any followable object (see ``templatetags/notifications.follow_button``)."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
        target = content_type.get_object_for_this_type(pk=object_id)
    except Exception as exc:  # noqa: BLE001 - unknown type or object: nothing to follow
        raise Http404 from exc
    following = follow_set_checked(user=request.user, target=target, following=request.POST.get("following") == "1")
    if request.htmx:
        return render(request, "notifications/_follow.html", follow_button_context(request, target))
    messages.success(request, _("You will be told about changes.") if following else _("You no longer follow it."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = target_url(target) or "/"
    return redirect(next_url)
