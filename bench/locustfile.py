"""The journeys `make bench` drives with Locust: an anonymous visitor, a logged-in resident, an official.

Data (problem and proposal ids, front slugs, survey slugs, board ids, filter values, session keys) comes from the
JSON file in BENCH_LOCUST_DATA, written by bench/load.py after seeding. Request names group URLs into pages, so the
report has one row per page. Supports stay under the per-person limit (120 per 10 minutes): one account per
resident user, each supporting every ten seconds or so.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between

DATA = json.loads(open(os.environ["BENCH_LOCUST_DATA"]).read()) if os.environ.get("BENCH_LOCUST_DATA") else {}
WORDS = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido", "robos", "andenes", "movilidad"]
PROPOSAL_WORDS = ["huertas", "luminarias", "ciclovia", "murales", "oficios", "limpios"]
PROPOSAL_STATUSES = ["published", "in_study", "viable", "prototype"]
_residents = itertools.cycle(DATA.get("residents", []))
_officials = itertools.cycle(DATA.get("officials", []))
_facilitators = itertools.cycle(DATA.get("facilitators", []))


class Browsing:
    """Pages everybody reads."""

    def home(self):
        self.client.get("/", name="inicio")

    def problem_list(self):
        upz, theme = random.choice(DATA["upzs"]), random.choice(DATA["themes"])
        self.client.get(f"/problemas/?upz={upz}&theme={theme}&sort=apoyados", name="problemas: lista filtrada")

    def problem_list_newest(self):
        self.client.get(f"/problemas/?sort=recientes&pagina={random.randint(1, 20)}", name="problemas: recientes")

    def problem_search(self):
        self.client.get(f"/problemas/?q={random.choice(WORDS)}", name="problemas: búsqueda")

    def problem_detail(self):
        self.client.get(f"/problemas/{random.choice(DATA['problems'])}/", name="problemas: detalle")

    def proposal_list(self):
        self.client.get("/propuestas/", name="propuestas: lista")

    def proposal_list_filtered(self):
        status, page = random.choice(PROPOSAL_STATUSES), random.randint(1, 5)
        self.client.get(f"/propuestas/?status={status}&sort=recientes&pagina={page}", name="propuestas: lista filtrada")

    def proposal_search(self):
        self.client.get(f"/propuestas/?q={random.choice(PROPOSAL_WORDS)}", name="propuestas: búsqueda")

    def proposal_detail(self):
        self.client.get(f"/propuestas/{random.choice(DATA['proposals'])}/", name="propuestas: detalle")

    def front_list(self):
        self.client.get("/frentes/", name="frentes: lista")

    def front_detail(self):
        self.client.get(f"/frentes/{random.choice(DATA['fronts'])}/", name="frentes: página de un frente")

    def board(self):
        self.client.get(f"/lluvias/{random.choice(DATA['boards'])}/", name="lluvias: tablero")

    def survey_detail(self, slug: str):
        self.client.get(f"/encuestas/{slug}/", name="encuestas: portada")

    def survey_results_public(self):
        slug = random.choice(DATA["surveys_public"])
        self.client.get(f"/encuestas/{slug}/resultados/", name="encuestas: resultados públicos")


def _support(user, kind: str, target) -> None:
    """Support (or, one time in three, withdraw the support of) a problem or proposal, as its button does."""
    user.client.post(
        f"/{kind}/{target}/apoyar/",
        data={"supported": random.choice(["1", "1", "0"])},
        headers={"HX-Request": "true", "X-CSRFToken": user.client.cookies.get("csrftoken", "")},
        name=f"{kind}: apoyar",
    )


def support_problem(user) -> None:
    _support(user, "problemas", random.choice(DATA["problems"]))


def support_proposal(user) -> None:
    _support(user, "propuestas", random.choice(DATA["proposals"]))


def open_survey(user) -> None:
    slug = random.choice(DATA["surveys_open"])
    user.survey_detail(slug)
    user.client.get(f"/encuestas/{slug}/responder/", name="encuestas: responder (primera parte)")


def page(path: str, name: str):
    """A task that opens one fixed page."""
    return lambda user: user.client.get(path, name=name)


def open_survey_results(user) -> None:
    slug = random.choice(DATA["surveys_open"])
    user.client.get(f"/encuestas/{slug}/resultados/", name="encuestas: resultados (equipo)")


# Each journey is a table of tasks and their weights (how often one is picked against the others).
class Visitor(Browsing, HttpUser):
    weight = 4
    wait_time = between(1, 3)
    tasks = {
        Browsing.home: 2,
        Browsing.problem_list: 3,
        Browsing.problem_list_newest: 1,
        Browsing.problem_search: 2,
        Browsing.problem_detail: 4,
        Browsing.proposal_list: 2,
        Browsing.proposal_detail: 2,
        Browsing.front_list: 1,
        Browsing.front_detail: 1,
        Browsing.survey_results_public: 1,
    }


class Resident(Browsing, HttpUser):
    """Logged in: reads, supports problems and proposals (one support per person and target, reversible), opens
    surveys and brainstorm boards."""

    weight = 4
    wait_time = between(1, 3)
    tasks = {
        Browsing.problem_list: 3,
        Browsing.problem_search: 2,
        Browsing.problem_detail: 4,
        support_problem: 2,
        page("/notificaciones/", "notificaciones"): 1,
        Browsing.proposal_list_filtered: 2,
        Browsing.proposal_search: 1,
        Browsing.proposal_detail: 3,
        support_proposal: 1,
        Browsing.front_list: 1,
        Browsing.front_detail: 2,
        Browsing.board: 1,
        open_survey: 1,
        Browsing.survey_results_public: 1,
    }

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_residents))
        self.client.get(f"/problemas/{random.choice(DATA['problems'])}/", name="problemas: detalle")


class Official(Browsing, HttpUser):
    """Staff: the lists of problems and proposals waiting for an official answer, and their pages."""

    weight = 1
    wait_time = between(2, 5)
    tasks = {
        page("/problemas/pendientes/", "problemas: pendientes de respuesta"): 2,
        Browsing.problem_detail: 3,
        page("/propuestas/pendientes/", "propuestas: pendientes de respuesta"): 2,
    }

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_officials))


class Facilitator(Browsing, HttpUser):
    """Staff running participation: results of open surveys (full GROUP BY, then cached), surveys, boards."""

    weight = 1
    wait_time = between(2, 5)
    tasks = {
        open_survey_results: 3,
        page("/encuestas/gestionar/", "encuestas: gestionar"): 1,
        Browsing.board: 1,
    }

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_facilitators))
