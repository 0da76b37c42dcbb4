import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.signing import get_cookie_signer
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from innova.surveys import services
from innova.surveys.forms import SectionAnswerForm
from innova.surveys.models import Access, Answer, Response
from innova.surveys.views.access import RESPONDENT

pytestmark = pytest.mark.django_db


def test_anonymous_answer_with_condition_resume_and_finish(client, make_survey, upz):
    s = make_survey()
    s.survey.refresh_from_db()
    version = s.survey.results_version
    url = reverse("surveys:answer", args=[s.survey.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Parte 1 de 2" in page.content.decode()  # section 2 hidden until "No"
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 1})
    # Partial answers are stored server-side, keyed by the browser's signed cookie.
    response = Response.objects.get(survey=s.survey)
    assert response.submitted_at is None and response.draft[str(s.safe.pk)] == 1
    # Coming back later (same browser) continues at the conditional section, now visible: 3 parts.
    page = client.get(reverse("surveys:detail", args=[s.survey.slug]))
    assert "Continuar donde quedé" in page.content.decode()
    page = client.get(url)
    assert "Inseguridad" in page.content.decode() and "Parte 2 de 3" in page.content.decode()
    client.post(url, {"seccion": s.s2.pk, f"q{s.places.pk}": [0, 2], f"q{s.fear.pk}": 5})
    done = client.post(url, {"seccion": s.s3.pk, f"q{s.comment.pk}": "Falta luz en el parque"})
    assert done.status_code == 302 and done.url.endswith("/gracias/")
    response.refresh_from_db()
    assert response.submitted_at is not None and response.user is None and response.upz == upz
    # The hidden question ("why safe", required) was neither required nor stored.
    assert not Answer.objects.filter(question=s.why_safe).exists()
    assert sorted(Answer.objects.filter(question=s.places, row=0).values_list("choice", flat=True)) == [0, 2]
    s.survey.refresh_from_db()
    assert s.survey.response_count == 1 and s.survey.results_version > version
    assert s.survey.last_answer_id == Answer.objects.order_by("-pk").first().pk


def test_changing_an_earlier_answer_drops_answers_that_became_hidden(client, make_survey, upz):
    s = make_survey()
    url = reverse("surveys:answer", args=[s.survey.slug])
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 1})
    client.post(url, {"seccion": s.s2.pk, f"q{s.places.pk}": [1], f"q{s.fear.pk}": 3})
    # Back to the first section: now feels safe, so section 2 is hidden and its answers are not stored.
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 0})
    missing = client.post(url, {"seccion": s.s3.pk})
    assert missing.status_code == 200 and "Este campo es requerido" in missing.content.decode()
    client.post(url, {"seccion": s.s3.pk, f"q{s.why_safe.pk}": "Hay policía"})
    assert Response.objects.get().submitted_at is not None
    assert not Answer.objects.filter(question__in=[s.places, s.fear]).exists()
    assert Answer.objects.get(question=s.why_safe).text == "Hay policía"


def test_validation_messages_are_spanish_and_keep_what_was_typed(client, make_survey, upz):
    s = make_survey()
    url = reverse("surveys:answer", args=[s.survey.slug])
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 1})
    page = client.post(url, {"seccion": s.s2.pk, f"q{s.places.pk}": [0, 1, 2], f"q{s.fear.pk}": 9})
    html = page.content.decode()
    assert "Elija como máximo 2 opciones." in html
    assert "Escoja una opción válida" in html  # Django's Spanish message for a value off the scale
    assert 'value="0" checked' in html.replace("\n", " ") or "checked" in html


def _form(question, data):
    return SectionAnswerForm(data, questions=[question])


@pytest.mark.parametrize(
    "name,data,valid",
    [
        ("upz", {}, False),  # required
        ("safe", {"q": "7"}, False),  # not an option
        ("safe", {"q": "1"}, True),
        ("places", {"q": []}, False),  # required
        ("places", {"q": ["0", "1", "2"]}, False),  # more than the maximum
        ("places", {"q": ["3"]}, True),
        ("fear", {"q": "0"}, False),  # the scale is 1–5
        ("fear", {"q": "5"}, True),
        ("number", {"q": "abc"}, False),
        ("number", {"q": "101"}, False),  # above the maximum
        ("number", {"q": "7.5"}, True),
        ("date", {"q": "31/02/2026"}, False),
        ("date", {"q": "2026-02-03"}, True),
        ("comment", {"q": "x" * 4001}, False),
        ("comment", {"q": ""}, True),  # optional
        ("why_safe", {}, False),  # required when shown
    ],
)
def test_each_question_type_validates(make_survey, upz, name, data, valid):
    s = make_survey()
    question = getattr(s, name)
    post = {f"q{question.pk}" if k == "q" else k: v for k, v in data.items()}
    assert _form(question, post).is_valid() is valid


def test_matrix_and_ranking_validation(make_survey):
    s = make_survey()
    s.matrix.required = True
    form = _form(s.matrix, {f"q{s.matrix.pk}_r0": "10"})
    assert not form.is_valid()  # every row is required
    form = _form(s.matrix, {f"q{s.matrix.pk}_r0": "10", f"q{s.matrix.pk}_r1": "0"})
    assert form.is_valid() and form.values()[str(s.matrix.pk)] == {"0": 10, "1": 0}
    r = f"q{s.ranking.pk}_i"
    assert not _form(s.ranking, {f"{r}0": "1", f"{r}1": "1", f"{r}2": "2"}).is_valid()  # same position twice
    assert not _form(s.ranking, {f"{r}0": "1"}).is_valid()  # partly ranked
    form = _form(s.ranking, {f"{r}0": "2", f"{r}1": "1", f"{r}2": "3"})
    assert form.is_valid() and form.values()[str(s.ranking.pk)] == {"0": 2, "1": 1, "2": 3}
    assert _form(s.ranking, {}).is_valid()  # optional: no ranking at all


def test_one_answer_per_browser_and_per_person(client, make_survey, answer_through_pages, upz, citizen):
    s = make_survey()
    answer_through_pages(client, s, feels_safe=True, upz_pk=upz.pk)
    again = client.get(reverse("surveys:answer", args=[s.survey.slug]))
    assert again.status_code == 302  # back to the survey page: already answered
    assert Response.objects.filter(submitted_at__isnull=False).count() == 1
    client.cookies.clear()  # another browser counts as another person when anonymous
    answer_through_pages(client, s, feels_safe=False, upz_pk=upz.pk)
    assert Response.objects.filter(submitted_at__isnull=False).count() == 2
    client.force_login(citizen)
    answer_through_pages(client, s, feels_safe=True, upz_pk=upz.pk)
    client.cookies.pop(RESPONDENT.cookie, None)
    # The same person from another browser is still the same person.
    assert client.get(reverse("surveys:answer", args=[s.survey.slug])).status_code == 302
    with pytest.raises(PermissionDenied):
        key = Response.objects.filter(submitted_at__isnull=False).last().respondent_key
        services.response_section_save(user=citizen, survey=s.survey, respondent_key=key, section=s.s1, values={})


def test_multiple_answers_when_allowed(client, make_survey, answer_through_pages, upz):
    s = make_survey(allow_multiple=True)
    answer_through_pages(client, s, feels_safe=True, upz_pk=upz.pk)
    answer_through_pages(client, s, feels_safe=False, upz_pk=upz.pk)
    assert Response.objects.filter(submitted_at__isnull=False).count() == 2


@pytest.mark.parametrize(
    "opens,closes,published,status",
    [(-2, 2, True, 200), (1, 3, True, 403), (-3, -1, True, 403), (None, None, False, 404)],
)
def test_window_and_publication_are_enforced(client, make_survey, opens, closes, published, status):
    now = timezone.now()
    s = make_survey(
        opens_at=now + datetime.timedelta(days=opens) if opens is not None else None,
        closes_at=now + datetime.timedelta(days=closes) if closes is not None else None,
        published=published,
    )
    assert client.get(reverse("surveys:answer", args=[s.survey.slug])).status_code == status
    if status == 403:
        page = client.get(reverse("surveys:detail", args=[s.survey.slug])).content.decode()
        assert "no está recibiendo respuestas" in page


def test_closing_while_answering_refuses_the_submission(client, make_survey, upz):
    s = make_survey()
    url = reverse("surveys:answer", args=[s.survey.slug])
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 0})
    s.survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    s.survey.save()
    assert client.post(url, {"seccion": s.s3.pk, f"q{s.why_safe.pk}": "x"}).status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "role,access,allowed",
    [
        ("anonymous", Access.EVERYONE, True),
        ("anonymous", Access.LOGGED_IN, False),
        ("citizen", Access.LOGGED_IN, True),
        ("citizen", Access.FRONT, False),  # not a member (fronts decide membership)
        ("facilitator", Access.FRONT, True),
        ("anonymous", Access.LINK, True),  # with the secret link
    ],
)
def test_who_may_answer(client, request, make_survey, role, access, allowed):
    s = make_survey(access=access, front_id=3 if access == Access.FRONT else None)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    url = reverse("surveys:answer", args=[s.survey.slug])
    if access == Access.LINK:
        assert client.get(url).status_code == 404  # without the key the survey does not exist
        client.get(f"{s.survey.get_absolute_url()}?clave={s.survey.link_token}")
    status = client.get(url).status_code
    assert (status == 200) is allowed
    if not allowed and role == "anonymous":
        assert status == 302  # sent to log in


def test_identified_survey_keeps_the_person_and_needs_log_in(client, make_survey, answer_through_pages, upz, citizen):
    s = make_survey(identified=True)
    assert client.get(reverse("surveys:answer", args=[s.survey.slug])).status_code == 302
    client.force_login(citizen)
    answer_through_pages(client, s, feels_safe=True, upz_pk=upz.pk)
    assert Response.objects.get().user == citizen


def test_anonymous_survey_never_keeps_the_user(client, make_survey, answer_through_pages, upz, citizen):
    s = make_survey()
    client.force_login(citizen)
    answer_through_pages(client, s, feels_safe=True, upz_pk=upz.pk)
    response = Response.objects.get()
    assert response.user is None and len(response.respondent_key) == 64  # a keyed hash, not the account


def test_previous_goes_back_even_with_errors_and_keeps_saved_answers(client, make_survey, upz):
    s = make_survey()
    url = reverse("surveys:answer", args=[s.survey.slug])
    client.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 1})
    back = client.post(url, {"seccion": s.s2.pk, "action": "back"})
    assert back.status_code == 302 and back.url.endswith(f"?seccion={s.s1.pk}")
    html = client.get(back.url).content.decode()
    assert f'value="{upz.pk}" selected' in html  # the saved answer is shown again


def test_the_browser_cookie_is_signed_http_only_and_kept_from_before(client, make_survey, upz):
    s = make_survey()
    url = reverse("surveys:answer", args=[s.survey.slug])
    page = client.get(url, secure=True)
    cookie = page.cookies[RESPONDENT.cookie]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
    assert RESPONDENT.cookie not in client.get(url).cookies  # already has one: not written again
    plain = Client().get(url).cookies[RESPONDENT.cookie]
    assert not plain["secure"]  # over plain HTTP (development) the browser would drop a Secure cookie
    # A cookie written before (same name and salt, a hex id) still names the same respondent.
    before = Client()
    before.cookies[RESPONDENT.cookie] = get_cookie_signer(salt=RESPONDENT.cookie + "surveys").sign("0123abcd")
    before.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 0})
    expected = salted_hmac("surveys.respondent", "browser:0123abcd", algorithm="sha256").hexdigest()
    assert Response.objects.get().respondent_key == expected
    # A forged (unsigned) cookie is not that respondent: it starts someone new.
    forged = Client()
    forged.cookies[RESPONDENT.cookie] = "0123abcd"
    forged.post(url, {"seccion": s.s1.pk, f"q{s.upz.pk}": upz.pk, f"q{s.safe.pk}": 0})
    assert Response.objects.count() == 2
