"""Hostile input: script injection (stored and reflected), poisoned uploads, CSRF, open redirects, fuzzed forms
and rate limits. Each probe is what an attacker would really send; each assertion is what must never happen."""

import io
import struct
import zipfile
import zlib
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image

from innova.comments.models import Comment, Flag
from innova.core.testing import jpeg_with_gps
from innova.problems.models import Problem, ProblemPhoto
from innova.problems.photos import photo_process
from innova.problems.services import problem_report
from tests.test_url_matrix import world  # noqa: F401 - the matrix's fixture: one object of each kind
from tests.url_matrix import ALL_URLS, EXPECTED

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "<iframe src=javascript:alert(1)></iframe>",
    "</textarea><script>alert(1)</script>",
]
PAYLOAD = " ".join(PAYLOADS)


class _ExecutableFinder(HTMLParser):
    """Collects every way the page could run attacker script: inline scripts, on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed"}:
            self._in_script = tag == "script"
            src = dict(attrs).get("src") or ""
            data_only = dict(attrs).get("type") == "application/json"  # json_script: data, escaped by Django
            if tag != "script" or not (data_only or (src.startswith("/") and not src.startswith("//"))):
                self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"} and value:
                if "".join(value.split()).lower().startswith(("javascript:", "data:text/html", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.problems.append(f"script body {data[:60]!r}")


def assert_inert(response, *, must_show: str | None = None):
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    finder = _ExecutableFinder()
    finder.feed(html)
    assert not finder.problems, f"{response.request['PATH_INFO']}: executable injection {finder.problems}"
    assert "<script>alert" not in html.lower()
    if must_show:
        assert must_show in html, f"the text itself ({must_show!r}) should be shown, escaped"


@pytest.fixture
def problem(citizen, theme, upz):
    return problem_report(author=citizen, title="Hueco en la vía", description="Un hueco grande.", theme=theme, upz=upz)


def _ct(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk


# --- XSS, stored ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_problem_title_and_description_are_inert_in_detail_list_and_search(client, citizen, theme, upz):
    problem = problem_report(
        author=citizen, title=("Hueco " + PAYLOADS[1])[:140], description=PAYLOAD, theme=theme, upz=upz
    )
    assert_inert(client.get(problem.get_absolute_url()), must_show="Hueco")
    assert_inert(client.get(reverse("problems:index")), must_show="Hueco")
    assert_inert(client.get(reverse("problems:index"), {"q": "Hueco"}), must_show="Hueco")
    assert_inert(client.get(reverse("problems:similar"), {"title": "Hueco vía", "description": PAYLOAD}))


@pytest.mark.django_db
def test_problem_submitted_through_the_form_is_inert(client, citizen, theme, upz):
    client.force_login(citizen)
    data = {"title": PAYLOADS[0], "description": PAYLOAD, "theme": theme.pk, "upz": upz.pk}
    response = client.post(reverse("problems:report"), data, follow=True)
    assert_inert(response)
    problem = Problem.objects.get(title=PAYLOADS[0])
    assert_inert(client.get(problem.get_absolute_url()), must_show="&lt;script&gt;alert(1)&lt;/script&gt;")


@pytest.mark.django_db
def test_markdown_comment_payloads_are_sanitised(client, citizen, problem):
    client.force_login(citizen)
    url = reverse("comments:comment_create", args=[_ct(problem), problem.pk])
    for payload in PAYLOADS:
        client.post(url, {"body": f"Mire esto {payload} **importante**"})
    assert Comment.objects.count() == len(PAYLOADS)
    response = client.get(problem.get_absolute_url())
    assert_inert(response, must_show="<strong>importante</strong>")


@pytest.mark.django_db
def test_display_name_is_inert_on_profile_problem_and_comments(client, citizen, problem):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:profile_edit"),
        {"basic-display_name": PAYLOADS[1][:80], "basic-first_name": PAYLOADS[0], "basic-last_name": PAYLOADS[2]},
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == PAYLOADS[1][:80]
    client.post(reverse("comments:comment_create", args=[_ct(problem), problem.pk]), {"body": "Yo también lo vi."})
    assert_inert(client.get(reverse("accounts:profile")))
    assert_inert(client.get(reverse("accounts:profile_edit")))
    assert_inert(client.get(problem.get_absolute_url()), must_show="&quot;&gt;&lt;img")


@pytest.mark.django_db
def test_contact_form_reflects_payload_inertly(client):
    data = {"name": PAYLOADS[1], "email": "vecina@example.org", "subject": PAYLOADS[2], "message": PAYLOAD}
    # Without consent the form comes back with what was typed: that is the reflected path.
    assert_inert(client.post(reverse("core:contact"), data), must_show="&lt;script&gt;")


@pytest.mark.django_db
def test_contact_messages_are_inert_in_the_admin(client, administrator):
    Client().post(
        reverse("core:contact"),
        {
            "name": PAYLOADS[1],
            "email": "v@example.org",
            "subject": PAYLOADS[2],
            "message": PAYLOAD,
            "accept_policy": "on",
        },
    )
    client.force_login(administrator)
    assert_inert(client.get(reverse("admin:core_contactmessage_changelist")))


@pytest.mark.django_db
def test_role_claim_entity_and_position_are_inert_in_profile_and_queue(client, citizen, administrator):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:role_claim"), {"role": "official", "entity": PAYLOADS[0], "position": PAYLOADS[1]}
    )
    assert response.status_code == 302
    assert_inert(client.get(reverse("accounts:profile")))
    client.force_login(administrator)
    assert_inert(client.get(reverse("accounts:role_claim_queue")), must_show="&lt;script&gt;")


@pytest.mark.django_db
def test_flag_reason_is_inert_in_the_moderation_queue(client, citizen, facilitator, problem):
    client.force_login(citizen)
    client.post(reverse("comments:flag_create", args=[_ct(problem), problem.pk]), {"reason": PAYLOAD})
    assert Flag.objects.filter(user=citizen).exists()
    client.force_login(facilitator)
    assert_inert(client.get(reverse("comments:moderation")))


@pytest.mark.django_db
def test_official_answer_and_status_reason_are_inert(client, official, problem):
    client.force_login(official)
    client.post(reverse("problems:answer", args=[problem.pk]), {"body": PAYLOAD})
    client.post(reverse("problems:change_status", args=[problem.pk]), {"to_status": "rejected", "reason": PAYLOAD})
    assert problem.answers.exists()
    assert_inert(client.get(problem.get_absolute_url()))
    assert_inert(Client().get(problem.get_absolute_url()))


# --- XSS, reflected ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_reflected_query_and_next_parameters_are_inert(client, citizen, payload):
    assert_inert(client.get(reverse("problems:index"), {"q": payload[:100]}))
    assert_inert(client.get(reverse("problems:index"), {"q": payload[:100], "upz": payload, "sort": payload}))
    assert_inert(client.get(reverse("problems:map"), {"q": payload[:100]}))
    assert_inert(client.get(reverse("account_login"), {"next": payload}))
    client.force_login(citizen)
    assert_inert(client.get(reverse("accounts:consent"), {"next": payload}))
    assert_inert(client.get(reverse("accounts:consent"), {"next": f"/problemas/?q={payload}"}))


# --- Uploads ----------------------------------------------------------------------------------------------------


def _jpeg(size=(64, 48), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 160, 90)).save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny file announcing 10 gigapixels: decoding it would exhaust memory."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 1024, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (20, 20)).save(buffer, format="GIF")
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    return buffer.getvalue()


HOSTILE_UPLOADS = {
    "jpeg-header-then-html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    + b"<html><script>alert(1)</script></html>",
    "gif-named-jpg": _gif(),
    "pdf-named-jpg": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n<script>alert(1)</script>\n%%EOF",
    "svg-named-png": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "html-named-jpg": b"<!doctype html><script>alert(1)</script>",
    "png-decompression-bomb": _png_bomb(),
    "truncated-jpeg": _jpeg((400, 300))[:600],
    "zip-named-jpg": _zip(),
    "empty": b"",
}
SPANISH_REFUSAL = ("no es una foto", "está dañada", "demasiados píxeles", "está vacío", "no es una foto JPEG")


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    extension = ".png" if name.endswith("png") else ".jpg"
    return SimpleUploadedFile(f"{name}{extension}", data, content_type="image/jpeg")


@pytest.mark.parametrize("name", sorted(set(HOSTILE_UPLOADS) - {"empty"}))
def test_photo_pipeline_refuses_hostile_files_in_spanish(name):
    with pytest.raises(ValidationError) as refused:
        photo_process(_upload(name, HOSTILE_UPLOADS[name]))
    message = " ".join(refused.value.messages)
    assert any(words in message for words in SPANISH_REFUSAL), message


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(HOSTILE_UPLOADS))
def test_report_form_refuses_hostile_files_and_stores_nothing(client, citizen, theme, upz, settings, name):
    client.force_login(citizen)
    data = {"title": "Basuras", "description": "Bolsas en la esquina", "theme": theme.pk, "upz": upz.pk}
    response = client.post(
        reverse("problems:report"), {**data, "photo_alt": "foto", "photos": [_upload(name, HOSTILE_UPLOADS[name])]}
    )
    assert response.status_code == 200, "the form comes back"
    html = response.content.decode()
    assert any(words in html for words in (*SPANISH_REFUSAL, "El archivo enviado está vac")), html[-2000:]
    assert 'value="Basuras"' in html, "what was typed is kept"
    assert not Problem.objects.exists()
    assert not ProblemPhoto.objects.exists()
    for media in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_jpeg_with_html_appended_is_reencoded_without_the_payload():
    """A complete JPEG with a script glued after it is a real photo: it is re-encoded, the script does not survive."""
    processed = photo_process(_upload("glued", _jpeg((200, 150)) + b"<script>alert(1)</script>"))
    assert b"<script" not in processed.image.read()
    assert b"<script" not in processed.thumbnail.read()


def test_photo_with_exif_gps_comes_out_without_exif():
    upload = jpeg_with_gps(name="gps.jpg", size=(800, 600))  # made by "PhoneMaker"
    with Image.open(io.BytesIO(upload.read())) as before:
        assert before.getexif().get_ifd(0x8825), "the probe really carries GPS"
    upload.seek(0)
    processed = photo_process(upload)
    for content in (processed.image, processed.thumbnail):
        data = content.read()
        assert b"Exif" not in data and b"PhoneMaker" not in data
        with Image.open(io.BytesIO(data)) as after:
            assert not after.getexif()
            assert "exif" not in after.info


# --- CSRF -------------------------------------------------------------------------------------------------------


# Our URLs (kwargs from the matrix) and every third-party URL without parameters (allauth, MFA, admin log-in).
CSRF_URLS = sorted(
    set(EXPECTED)
    | {name for name, route in ALL_URLS if name.startswith(("account_", "mfa_")) and "<" not in route}
    | {"admin:login", "admin:logout", "admin:password_change"}
)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_every_post_without_csrf_token_is_refused(world, request, role):  # noqa: F811 - pytest fixture
    client = Client(enforce_csrf_checks=True)
    if role == "citizen":
        client.force_login(request.getfixturevalue("citizen"))
    urls = {}
    for name in CSRF_URLS:  # built first: some matrix objects (a comment to vote on) are made on first use
        builder = EXPECTED.get(name, (None, None))[0]
        urls[name] = reverse(name, kwargs=builder(world) if builder else None)
    written_before = (Comment.objects.count(), Flag.objects.count())
    accepted = {}
    for name, url in urls.items():
        response = client.post(url, {"body": "x", "reason": "x", "supported": "1", "language": "en"})
        # The public API is CSRF-exempt for key clients: without a session it refuses with 401 (or 405), never writes.
        api_refusal = name.startswith("api:") and response.status_code in (401, 405)
        if response.status_code != 403 and not api_refusal:
            accepted[name] = response.status_code
    assert not accepted, f"POST without a CSRF token was not refused: {accepted}"
    assert (Comment.objects.count(), Flag.objects.count()) == written_before


# --- Open redirects ---------------------------------------------------------------------------------------------

EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    " https://evil.example/",
    "http://testserver@evil.example/",
]


def assert_stays_on_site(response):
    assert response.status_code in (301, 302, 303), response.status_code
    location = response["Location"]
    parsed = urlparse(location.replace("\\", "/"))
    assert parsed.scheme in ("", "http", "https") and parsed.netloc in ("", "testserver"), location
    assert not location.lstrip().lower().startswith("javascript:"), location


@pytest.mark.django_db
@pytest.mark.parametrize("evil", EVIL)
def test_login_next_never_leaves_the_site(client, citizen, evil):
    from innova.core.testing import TEST_PASSWORD

    response = client.post(
        f"{reverse('account_login')}?next={evil}", {"login": citizen.email, "password": TEST_PASSWORD, "next": evil}
    )
    assert_stays_on_site(response)
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("evil", EVIL)
def test_consent_next_never_leaves_the_site(client, citizen, evil):
    client.force_login(citizen)
    assert_stays_on_site(client.post(reverse("accounts:consent"), {"accept_policy": "on", "next": evil}))
    assert_stays_on_site(client.post(f"{reverse('accounts:consent')}?next={evil}", {"accept_policy": "on"}))


@pytest.mark.django_db
@pytest.mark.parametrize("evil", EVIL)
def test_comment_flag_moderation_and_language_next_never_leave_the_site(client, citizen, facilitator, problem, evil):
    ct = _ct(problem)
    client.force_login(citizen)
    assert_stays_on_site(
        client.post(reverse("comments:comment_create", args=[ct, problem.pk]), {"body": "Sí", "next": evil})
    )
    assert_stays_on_site(
        client.post(reverse("comments:comment_create", args=[ct, problem.pk]), {"body": "", "next": evil})
    )
    assert_stays_on_site(
        client.post(reverse("comments:flag_create", args=[ct, problem.pk]), {"reason": "x", "next": evil})
    )
    assert_stays_on_site(client.post(reverse("set_language"), {"language": "en", "next": evil}))
    assert_stays_on_site(client.post(reverse("set_language"), {"language": "en"}, HTTP_REFERER=evil))
    client.force_login(facilitator)
    url = reverse("comments:moderation_action", args=[ct, problem.pk, "ocultar"])
    assert_stays_on_site(client.post(url, {"reason": "Spam", "next": evil}))


# --- Fuzzing ----------------------------------------------------------------------------------------------------

NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=6000),
    st.sampled_from(["\x00", "\u202e", "\ufeff", "\r\n" * 50, "%00", "' OR 1=1 --", *PAYLOADS, "ñandú " * 2000]),
)
NUMBERISH = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "1e309", "4,52", "0x10", "", " ", "4.5.2", "٤٫٥", "1" * 400]),
    st.text(max_size=20),
)
FUZZ = hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.django_db
@FUZZ
@given(title=NASTY_TEXT, description=NASTY_TEXT, lat=NUMBERISH, lon=NUMBERISH, theme=NUMBERISH, alt=NASTY_TEXT)
def test_problem_form_never_raises(title, description, lat, lon, theme, alt):
    from innova.problems.forms import ProblemForm

    form = ProblemForm(
        {"title": title, "description": description, "latitude": lat, "longitude": lon, "theme": theme, "upz": lat}
    )
    form.is_valid()
    if form.is_valid():
        import math

        for value in (form.cleaned_data["latitude"], form.cleaned_data["longitude"]):
            assert value is None or math.isfinite(value)


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "upz", "theme", "status", "answered", "sort", "pagina", "x"]),
        NASTY_TEXT | NUMBERISH,
        max_size=6,
    )
)
def test_problem_filter_form_never_raises(params):
    from innova.problems.forms import ProblemFilterForm

    form = ProblemFilterForm(params)
    form.is_valid()
    form.filters()


@pytest.mark.django_db
@FUZZ
@given(
    name=NASTY_TEXT,
    email=NASTY_TEXT | st.emails().map(str),
    password=NASTY_TEXT,
    accept=st.sampled_from(["on", "", "0"]),
)
def test_signup_form_never_raises(name, email, password, accept):
    from innova.accounts.forms import SignupForm

    form = SignupForm(
        {"display_name": name, "email": email, "password1": password, "password2": password, "accept_policy": accept}
    )
    form.is_valid()


@pytest.mark.django_db
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "upz", "theme", "status", "answered", "sort", "pagina", "page", "\x00"]),
        st.text(max_size=200) | NUMBERISH,
        max_size=6,
    )
)
def test_problem_list_with_fuzzed_query_never_fails(client, params):
    response = client.get(reverse("problems:index"), params)
    assert response.status_code == 200, (params, response.status_code)
    assert client.get(reverse("problems:map_points"), params).status_code == 200


# --- Rate limits ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_lockout_after_wrong_passwords_refuses_the_right_one(client, citizen, settings):
    from innova.core.testing import TEST_PASSWORD

    url = reverse("account_login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(url, {"login": citizen.email, "password": "no-es-la-clave"})
        assert response.status_code < 500
    response = client.post(url, {"login": citizen.email, "password": TEST_PASSWORD})
    assert response.status_code in (200, 403, 429)
    assert "_auth_user_id" not in client.session
    assert "Demasiados" in response.content.decode() or "bloquead" in response.content.decode().lower()


@pytest.mark.django_db
def test_axes_lockout_page_is_spanish_and_never_a_server_error(client, citizen, settings):
    """With allauth's own limit out of the way, django-axes locks the account out with a Spanish page."""
    from innova.core.testing import TEST_PASSWORD

    settings.ACCOUNT_RATE_LIMITS = False
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("account_login")
    for _attempt in range(3):
        assert client.post(url, {"login": citizen.email, "password": "mala"}).status_code < 500
    response = client.post(url, {"login": citizen.email, "password": TEST_PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert "bloquead" in response.content.decode().lower()


@pytest.mark.django_db
def test_signup_rate_limit_answers_clearly(client):
    statuses = []
    for n in range(22):
        response = client.post(
            reverse("account_signup"),
            {"display_name": f"V{n}", "email": f"v{n}@example.org", "password1": "x", "password2": "y"},
        )
        statuses.append(response.status_code)
    assert 500 not in statuses
    assert statuses[-1] == 429, statuses
    assert "Demasiad" in response.content.decode() or "demasiad" in response.content.decode()


@pytest.mark.django_db
def test_password_reset_rate_limit_answers_clearly(client, citizen):
    responses = [client.post(reverse("account_reset_password"), {"email": citizen.email}) for _ in range(7)]
    assert all(r.status_code < 500 for r in responses)
    last = responses[-1]
    assert last.status_code in (200, 429)
    assert "demasiad" in last.content.decode().lower()


@pytest.mark.django_db
def test_comment_rate_limit(client, citizen, problem, settings):
    settings.INNOVA_RATE_LIMITS = {"comment": (3, 600)}
    client.force_login(citizen)
    url = reverse("comments:comment_create", args=[_ct(problem), problem.pk])
    for n in range(3):
        assert client.post(url, {"body": f"Comentario {n}"}).status_code == 302
    response = client.post(url, {"body": "Uno más"}, follow=True)
    assert Comment.objects.count() == 3
    assert "Espere" in response.content.decode()
    htmx = client.post(url, {"body": "Otro"}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 429 and "Espere" in htmx.content.decode()


@pytest.mark.django_db
def test_flag_rate_limit(client, citizen, problem, settings):
    settings.INNOVA_RATE_LIMITS = {"flag": (2, 600)}
    client.force_login(citizen)
    url = reverse("comments:flag_create", args=[_ct(problem), problem.pk])
    client.post(url, {"reason": "Uno"})
    client.post(url, {"reason": "Dos"})
    response = client.post(url, {"reason": "Tres"}, follow=True)
    assert Flag.objects.get(user=citizen).reason == "Dos"
    assert "Espere" in response.content.decode()


@pytest.mark.django_db
def test_support_rate_limit(client, citizen, problem, settings):
    settings.INNOVA_RATE_LIMITS = {"support": (4, 600)}
    client.force_login(citizen)
    url = reverse("problems:support", args=[problem.pk])
    for n in range(4):
        client.post(url, {"supported": "1" if n % 2 == 0 else "0"})
    response = client.post(url, {"supported": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    problem.refresh_from_db()
    assert problem.support_count == 0, "the refused support changed nothing"
    api_like = client.post(url, {"supported": "1"}, HTTP_ACCEPT="application/json")
    assert api_like.status_code == 429 and "Espere" in api_like.json()["detail"]


@pytest.mark.django_db
def test_report_rate_limit_keeps_what_was_typed(client, citizen, theme, upz, settings):
    settings.INNOVA_RATE_LIMITS = {"report": (2, 3600)}
    client.force_login(citizen)
    for n in range(2):
        data = {"title": f"Problema distinto {n}", "description": f"Texto {n}", "theme": theme.pk, "upz": upz.pk}
        assert client.post(reverse("problems:report"), data).status_code == 302
    data = {"title": "Tercer problema", "description": "Otro texto", "theme": theme.pk, "upz": upz.pk}
    response = client.post(reverse("problems:report"), data)
    assert response.status_code == 429
    assert 'value="Tercer problema"' in response.content.decode()
    assert "Espere" in response.content.decode()
    assert Problem.objects.count() == 2
