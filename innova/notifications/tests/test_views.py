"""Pages: the list, marking read, preferences, the generic follow button, the bell in the header."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from innova.notifications.kinds import MESSAGES
from innova.notifications.models import Frequency, Notification, Preference
from innova.notifications.services.emit import notification_emit
from innova.notifications.services.follows import is_following
from innova.notifications.services.preferences import preference_set

pytestmark = pytest.mark.django_db


def tell(person, n: int = 1, kind: str = "mentioned"):
    for i in range(n):
        notification_emit(kind=kind, recipients=[person], dedupe_key=f"{kind}:{i}")


def test_the_bell_shows_the_unread_count_as_a_plain_link(client, citizen):
    tell(citizen, 3)
    client.force_login(citizen)
    html = client.get(reverse("core:home")).content.decode()
    assert 'href="/notificaciones/" class="bell"' in html
    assert 'id="notification-bell-count">3</span>' in html
    assert 'aria-label="Notificaciones sin leer: 3"' in html
    assert "notifications/bell.js" in html


def test_no_bell_for_anonymous_visitors(client):
    assert "notification-bell" not in client.get(reverse("core:home")).content.decode()


def test_with_nothing_unread_the_count_is_hidden(client, citizen):
    client.force_login(citizen)
    assert 'id="notification-bell-count" hidden>0</span>' in client.get(reverse("core:home")).content.decode()


def test_list_mark_one_and_mark_all_read(client, citizen, make_user):
    other = make_user("citizen")
    tell(citizen, 3)
    tell(other, 1)
    client.force_login(citizen)
    page = client.get(reverse("notifications:index")).content.decode()
    assert page.count('class="unread"') == 3 and "Marcar todo como leído" in page
    first = Notification.objects.filter(recipient=citizen).first()
    client.post(reverse("notifications:mark_one_read", args=[first.pk]))
    assert Notification.objects.filter(recipient=citizen, read_at__isnull=True).count() == 2
    # Someone else's notification cannot be marked from this account.
    theirs = Notification.objects.get(recipient=other)
    assert client.post(reverse("notifications:mark_one_read", args=[theirs.pk])).status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    client.post(reverse("notifications:mark_read"))
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    assert "Marcar todo como leído" not in client.get(reverse("notifications:index")).content.decode()


def test_notifications_turned_off_in_the_app_stay_off_the_list(client, citizen):
    preference_set(user=citizen, kind="mentioned", in_app=False, email=Frequency.DAILY)
    tell(citizen, 2)
    client.force_login(citizen)
    assert "Todavía no tiene notificaciones" in client.get(reverse("notifications:index")).content.decode()


def test_preferences_page_shows_defaults_and_saves(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Preferencias de notificaciones" in page
    assert "Respuestas a lo que escribí, apoyo o sigo de cerca" in page and "Novedades de lo que sigo" in page
    assert '<option value="weekly" selected>' in page  # activity defaults to the weekly digest
    data = {}
    for kind in MESSAGES:
        data[f"in_app_{kind}"] = "on"
        data[f"email_{kind}"] = "immediate"
    data["email_comment_added"] = "daily"
    data.pop("in_app_mentioned")
    response = client.post(reverse("notifications:preferences"), data, follow=True)
    assert "Sus preferencias de notificaciones quedaron guardadas" in response.content.decode()
    assert Preference.objects.get(user=citizen, kind="comment_added").email == Frequency.DAILY
    assert Preference.objects.get(user=citizen, kind="mentioned").in_app is False


def test_bad_preferences_are_refused_and_kept(client, citizen):
    client.force_login(citizen)
    data = {f"email_{kind}": "immediate" for kind in MESSAGES}
    data["email_mentioned"] = "hourly"
    data["in_app_role_verified"] = "on"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Escoja una opción válida" in html
    assert 'name="in_app_role_verified" id="id_in_app_role_verified" checked' in html
    assert not Preference.objects.exists()


def follow_url(target):
    return reverse("notifications:follow", args=[ContentType.objects.get_for_model(target).pk, target.pk])


def test_the_generic_follow_button_follows_and_unfollows(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    response = client.post(follow_url(problem), {"following": "1", "next": problem.get_absolute_url()})
    assert response.status_code == 302 and response.url == problem.get_absolute_url()
    assert is_following(user=citizen, target=problem)
    client.post(follow_url(problem), {"following": "0", "next": "https://evil.example/"})
    assert not is_following(user=citizen, target=problem)


def test_the_follow_button_swaps_in_place_with_htmx(client, citizen, make_problem):
    problem = make_problem()
    client.force_login(citizen)
    response = client.post(follow_url(problem), {"following": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Dejar de seguir" in html and 'value="0"' in html


def test_the_follow_button_include_renders_for_any_target(rf, citizen, make_problem):
    from django.template import Context, Template

    problem = make_problem()
    request = rf.get("/problemas/")
    request.user = citizen
    html = Template("{% load notifications %}{% follow_button problem %}").render(
        Context({"request": request, "problem": problem})
    )
    assert follow_url(problem) in html and "Seguir: avisarme de los cambios" in html


def test_hidden_or_unfollowable_things_cannot_be_followed(client, citizen, make_problem, make_user):
    hidden = make_problem()
    hidden.hidden_at = hidden.published_at
    hidden.save(update_fields=["hidden_at"])
    client.force_login(citizen)
    # What the person cannot open answers 404, as its page does (core/visibility.py).
    assert client.post(follow_url(hidden), {"following": "1"}).status_code == 404
    assert client.post(follow_url(make_user("citizen")), {"following": "1"}).status_code == 404  # a person
    assert client.post(reverse("notifications:follow", args=[9999, 1]), {"following": "1"}).status_code == 404
    assert not is_following(user=citizen, target=hidden)


def test_authors_follow_their_own_problems(make_user, make_problem):
    author = make_user("citizen")
    problem = make_problem(author=author)
    assert is_following(user=author, target=problem)


def test_the_profile_links_to_the_preferences(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'href="/notificaciones/preferencias/">Preferencias de notificaciones</a>' in html
