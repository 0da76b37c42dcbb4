"""A course's uploaded materials leave the web with the course: a draft's files answer 404 like its page.

Material files live in the private storage (no public media address) and are served by ``courses:material_file``,
which asks the same question as the course's page (``selectors.course_readable``).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innova.courses import services
from innova.courses.models import Material

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 guia del curso"


@pytest.fixture
def instructor(make_user):
    return make_user("citizen", display_name="Instructora")


@pytest.fixture
def draft_material(make_course, make_user, instructor):
    """A file material of a draft (unpublished) course taught by ``instructor``."""
    course = make_course(published=False, instructor=instructor)
    upload = SimpleUploadedFile("guia.pdf", PDF, content_type="application/pdf")
    return services.material_add(actor=make_user("facilitator"), course=course, title="Guía", file=upload)


def _get(client, user, address):
    if user is not None:
        client.force_login(user)
    return client.get(address)


@pytest.mark.parametrize("role", ["anonymous", "citizen", "official"])
def test_draft_course_material_file_is_404_for_those_who_may_not_edit_it(client, make_user, draft_material, role):
    user = None if role == "anonymous" else make_user(role)
    assert _get(client, user, draft_material.course.get_absolute_url()).status_code == 404
    assert _get(client, user, draft_material.href).status_code == 404


def test_material_file_is_not_under_public_media(client, draft_material, settings):
    name = draft_material.file.name
    assert not (settings.MEDIA_ROOT / name).exists() and (settings.PRIVATE_MEDIA_ROOT / name).exists()
    assert client.get(f"/media/{name}").status_code == 404


@pytest.mark.parametrize("editor", ["instructor", "facilitator"])
def test_course_editors_get_the_file_of_a_draft(client, make_user, instructor, draft_material, editor):
    user = instructor if editor == "instructor" else make_user("facilitator")
    response = _get(client, user, draft_material.href)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="guia.pdf"'
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_everybody_gets_the_file_once_the_course_is_published(client, make_user, draft_material, role):
    course = draft_material.course
    course.published = True
    course.save(update_fields=["published"])
    response = _get(client, None if role == "anonymous" else make_user(role), draft_material.href)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "private" in response["Cache-Control"]
    assert draft_material.href in client.get(course.get_absolute_url()).content.decode()


def test_links_stay_external_and_other_courses_do_not_serve_the_file(client, make_course, make_user, draft_material):
    link = Material.objects.create(course=draft_material.course, title="Video", url="https://example.org/video")
    assert link.href == "https://example.org/video"
    other = make_course()
    address = reverse("courses:material_file", args=[other.slug, draft_material.pk])
    assert _get(client, make_user("facilitator"), address).status_code == 404
    assert client.get(reverse("courses:material_file", args=[link.course.slug, link.pk])).status_code == 404


def test_admin_course_page_links_the_file_through_the_view(client, draft_material, make_user):
    admin = make_user("administrator")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(admin)
    response = client.get(reverse("admin:courses_course_change", args=[draft_material.course.pk]))
    assert response.status_code == 200
    assert f'href="{draft_material.href}"' in response.content.decode()
