"""Hardening #18, item 6: a problem's photos leave the web with the problem.

The photos are shown at the address the problem's page gives; once moderation hides the problem (or it is deleted,
or never published) that address answers 404 like the page, and no public media address serves the file.
"""

import re

import pytest
from django.urls import reverse

from innova.comments.services import moderation_set_hidden
from innova.core.testing import jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture
def problem_with_photo(make_problem):
    return make_problem(title="Basuras en la esquina del parque", photos=[(jpeg_with_gps(), "Bolsas en la esquina")])


def _photo_addresses(client, problem) -> list[str]:
    """The addresses of the full photo and its thumbnail, as the problem's page links and shows them."""
    html = client.get(problem.get_absolute_url()).content.decode()
    (photos,) = re.findall(r'<ul class="photos">(.*?)</ul>', html, re.S)
    return re.findall(r'<a href="([^"]+)">', photos) + re.findall(r'<img src="([^"]+)"', photos)


def test_hardening_06_photo_is_shown_while_the_problem_is_public(client, problem_with_photo):
    addresses = _photo_addresses(client, problem_with_photo)
    assert len(addresses) == 2
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG


def test_hardening_06_hidden_problem_photo_is_404(client, problem_with_photo, make_user):
    addresses = _photo_addresses(client, problem_with_photo)
    moderation_set_hidden(
        actor=make_user("facilitator"), target=problem_with_photo, hidden=True, reason="Datos personales"
    )
    assert client.get(problem_with_photo.get_absolute_url()).status_code == 404
    assert [client.get(address).status_code for address in addresses] == [404, 404]


def test_hardening_06_moderators_still_see_the_photo_of_a_hidden_problem(client, problem_with_photo, make_user):
    addresses = _photo_addresses(client, problem_with_photo)
    facilitator = make_user("facilitator")
    moderation_set_hidden(actor=facilitator, target=problem_with_photo, hidden=True, reason="Revisión")
    client.force_login(facilitator)
    assert [client.get(address).status_code for address in addresses] == [200, 200]


def test_hardening_06_deleted_problem_photo_is_404(client, problem_with_photo):
    addresses = _photo_addresses(client, problem_with_photo)
    problem_with_photo.delete()
    assert [client.get(address).status_code for address in addresses] == [404, 404]


def test_hardening_06_photo_file_is_not_under_public_media(client, problem_with_photo, settings):
    photo = problem_with_photo.photos.get()
    public = settings.MEDIA_ROOT
    assert not public.exists() or not any(path.is_file() for path in public.rglob("*"))
    for name in (photo.image.name, photo.thumbnail.name):
        assert client.get(f"/media/{name}").status_code == 404


def test_hardening_06_photo_is_not_kept_by_shared_caches(client, problem_with_photo):
    for address in _photo_addresses(client, problem_with_photo):
        cache_control = client.get(address)["Cache-Control"]
        assert "private" in cache_control and "public" not in cache_control


def test_hardening_06_proxy_sends_the_file_with_x_accel_redirect(client, problem_with_photo, settings):
    settings.MEDIA_ACCEL_REDIRECT_PREFIX = "/archivos-privados/"
    photo = problem_with_photo.photos.get()
    response = client.get(reverse("problems:photo", args=[problem_with_photo.pk, photo.pk]))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/archivos-privados/{photo.image.name}"
    assert response["Content-Type"] == "image/jpeg" and "private" in response["Cache-Control"]
    assert response.content == b""
    problem_with_photo.hidden_at = problem_with_photo.published_at
    problem_with_photo.save(update_fields=["hidden_at"])
    response = client.get(reverse("problems:photo", args=[problem_with_photo.pk, photo.pk]))
    assert response.status_code == 404 and "X-Accel-Redirect" not in response


def test_hardening_06_photo_of_another_problem_is_404(client, problem_with_photo, make_problem):
    other = make_problem(title="Otro problema")
    photo = problem_with_photo.photos.get()
    assert client.get(reverse("problems:photo", args=[other.pk, photo.pk])).status_code == 404
