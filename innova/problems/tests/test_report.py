import io

import pytest
from django.urls import reverse
from PIL import Image

from innova.problems.models import Problem, Status

from .conftest import jpeg_with_gps

pytestmark = pytest.mark.django_db

INSIDE = (4.522, -74.118)  # Gran Yomasa
OUTSIDE = (4.65, -74.06)  # Chapinero, far from Usme


def form_data(theme, **extra):
    return {
        "title": "Basuras en la esquina del colegio",
        "description": "Cada noche dejan bolsas de basura en la esquina.",
        "theme": theme.pk,
        **extra,
    }


def test_report_with_photo_and_point_publishes_and_strips_exif(client, citizen, theme):
    client.force_login(citizen)
    data = form_data(theme, latitude=INSIDE[0], longitude=INSIDE[1], photo_alt="Bolsas en la esquina")
    response = client.post(reverse("problems:report"), {**data, "photos": [jpeg_with_gps()]})
    problem = Problem.objects.get(title="Basuras en la esquina del colegio")
    assert response.status_code == 302 and response.url == problem.get_absolute_url()
    assert problem.published_at is not None
    assert problem.upz.code == "57"  # found from the point
    assert problem.status == Status.REPORTED
    photo = problem.photos.get()
    assert photo.alt_text == "Bolsas en la esquina"
    with Image.open(photo.image.path) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 1600
        assert not image.getexif(), "EXIF (and its GPS position) must be stripped"
    with Image.open(photo.thumbnail.path) as thumb:
        assert max(thumb.size) <= 480
    # The author follows their own problem.
    from innova.notifications.services.follows import is_following

    assert is_following(user=citizen, target=problem)


def test_point_outside_usme_is_refused_and_text_kept(client, citizen, theme, upz):
    client.force_login(citizen)
    data = form_data(theme, upz=upz.pk, latitude=OUTSIDE[0], longitude=OUTSIDE[1])
    response = client.post(reverse("problems:report"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "fuera de Usme" in html
    assert "Basuras en la esquina del colegio" in html and "dejan bolsas de basura" in html
    assert not Problem.objects.exists()


def test_non_image_upload_is_refused(client, citizen, theme, upz):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image at all", content_type="image/jpeg")
    response = client.post(
        reverse("problems:report"), {**form_data(theme, upz=upz.pk, photo_alt="x"), "photos": [fake]}
    )
    assert response.status_code == 200
    assert "no es una foto que podamos leer" in response.content.decode()
    # Next to the photos (not on top of the form), whatever words the message uses.
    assert "no es una foto que podamos leer" in str(response.context["form"].errors["photos"])
    assert not Problem.objects.exists()


def test_oversized_upload_is_refused(client, citizen, theme, upz):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    big = SimpleUploadedFile("grande.jpg", b"\xff\xd8" + b"0" * (8 * 1024 * 1024 + 10), content_type="image/jpeg")
    response = client.post(reverse("problems:report"), {**form_data(theme, upz=upz.pk, photo_alt="x"), "photos": [big]})
    assert response.status_code == 200
    assert "8 MB" in response.content.decode()
    assert not Problem.objects.exists()


def test_huge_dimensions_are_refused(client, citizen, theme, upz):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(citizen)
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # 81 megapixels, tiny file
    huge = SimpleUploadedFile("bomba.png", buffer.getvalue(), content_type="image/png")
    response = client.post(
        reverse("problems:report"), {**form_data(theme, upz=upz.pk, photo_alt="x"), "photos": [huge]}
    )
    assert response.status_code == 200
    assert not Problem.objects.exists()


def test_more_than_four_photos_refused(client, citizen, theme, upz):
    client.force_login(citizen)
    photos = [jpeg_with_gps(f"f{i}.jpg", (50, 50)) for i in range(5)]
    response = client.post(
        reverse("problems:report"), {**form_data(theme, upz=upz.pk, photo_alt="x"), "photos": photos}
    )
    assert "hasta 4 fotos" in response.content.decode()
    assert not Problem.objects.exists()


def test_missing_fields_get_spanish_messages(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("problems:report"), {"title": "", "description": ""})
    html = response.content.decode()
    assert "Escriba un título corto" in html
    assert "Elija el tema" in html


def test_anonymous_report_goes_to_login_and_keeps_the_text(client, citizen, theme, upz):
    response = client.post(reverse("problems:report"), form_data(theme, upz=upz.pk))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Problem.objects.exists()
    client.force_login(citizen)
    html = client.get(reverse("problems:report")).content.decode()
    assert 'value="Basuras en la esquina del colegio"' in html
    assert "Cada noche dejan bolsas de basura en la esquina." in html


def test_official_report_shows_verified_role(client, official, theme, upz):
    client.force_login(official)
    client.post(reverse("problems:report"), form_data(theme, upz=upz.pk))
    problem = Problem.objects.get()
    assert problem.author_role_label.startswith("Funcionario/a")
    assert "Funcionario/a · Alcaldía Local de Usme" in client.get(problem.get_absolute_url()).content.decode()


def test_anonymous_publication_hides_author_from_public_not_from_moderators(client, citizen, facilitator, theme, upz):
    client.force_login(citizen)
    client.post(reverse("problems:report"), form_data(theme, upz=upz.pk, anonymous="on"))
    problem = Problem.objects.get()
    client.logout()
    html = client.get(problem.get_absolute_url()).content.decode()
    assert "Vecino/a de Usme" in html and citizen.public_name not in html
    assert problem.author == citizen  # known to moderators (admin and moderation tools)


def test_the_report_form_says_optional_once_per_field(client):
    from innova.core.testing import page_text

    text = page_text(client.get(reverse("problems:report")).content.decode())
    assert "Barrio o dirección (opcional)" in text
    assert "(opcional) (opcional)" not in text
