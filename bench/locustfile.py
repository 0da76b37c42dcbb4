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

from locust import HttpUser, between, task

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


class Visitor(Browsing, HttpUser):
    weight = 4
    wait_time = between(1, 3)

    @task(2)
    def t_home(self):
        self.home()

    @task(3)
    def t_list(self):
        self.problem_list()

    @task(1)
    def t_newest(self):
        self.problem_list_newest()

    @task(2)
    def t_search(self):
        self.problem_search()

    @task(4)
    def t_detail(self):
        self.problem_detail()

    @task(2)
    def t_proposals(self):
        self.proposal_list()

    @task(2)
    def t_proposal_detail(self):
        self.proposal_detail()

    @task(1)
    def t_fronts(self):
        self.front_list()

    @task(1)
    def t_front(self):
        self.front_detail()

    @task(1)
    def t_survey_results(self):
        self.survey_results_public()


class Resident(Browsing, HttpUser):
    """Logged in: reads, supports problems and proposals (one support per person and target, reversible), opens
    surveys and brainstorm boards."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_residents))
        self.client.get(f"/problemas/{random.choice(DATA['problems'])}/", name="problemas: detalle")

    @task(3)
    def t_list(self):
        self.problem_list()

    @task(2)
    def t_search(self):
        self.problem_search()

    @task(4)
    def t_detail(self):
        self.problem_detail()

    @task(2)
    def t_support(self):
        problem = random.choice(DATA["problems"])
        self.client.post(
            f"/problemas/{problem}/apoyar/",
            data={"supported": random.choice(["1", "1", "0"])},
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="problemas: apoyar",
        )

    @task(1)
    def t_notifications(self):
        self.client.get("/notificaciones/", name="notificaciones")

    @task(2)
    def t_proposals_filtered(self):
        self.proposal_list_filtered()

    @task(1)
    def t_proposal_search(self):
        self.proposal_search()

    @task(3)
    def t_proposal_detail(self):
        self.proposal_detail()

    @task(1)
    def t_proposal_support(self):
        proposal = random.choice(DATA["proposals"])
        self.client.post(
            f"/propuestas/{proposal}/apoyar/",
            data={"supported": random.choice(["1", "1", "0"])},
            headers={"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")},
            name="propuestas: apoyar",
        )

    @task(1)
    def t_fronts(self):
        self.front_list()

    @task(2)
    def t_front(self):
        self.front_detail()

    @task(1)
    def t_board(self):
        self.board()

    @task(1)
    def t_survey(self):
        slug = random.choice(DATA["surveys_open"])
        self.survey_detail(slug)
        self.client.get(f"/encuestas/{slug}/responder/", name="encuestas: responder (primera parte)")

    @task(1)
    def t_survey_results(self):
        self.survey_results_public()


class Official(Browsing, HttpUser):
    """Staff: the lists of problems and proposals waiting for an official answer, and their pages."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_officials))

    @task(2)
    def t_pending(self):
        self.client.get("/problemas/pendientes/", name="problemas: pendientes de respuesta")

    @task(3)
    def t_detail(self):
        self.problem_detail()

    @task(2)
    def t_proposals_pending(self):
        self.client.get("/propuestas/pendientes/", name="propuestas: pendientes de respuesta")


class Facilitator(Browsing, HttpUser):
    """Staff running participation: results of open surveys (full GROUP BY, then cached), surveys, boards."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.client.cookies.set(DATA["cookie"], next(_facilitators))

    @task(3)
    def t_survey_results(self):
        slug = random.choice(DATA["surveys_open"])
        self.client.get(f"/encuestas/{slug}/resultados/", name="encuestas: resultados (equipo)")

    @task(1)
    def t_surveys_manage(self):
        self.client.get("/encuestas/gestionar/", name="encuestas: gestionar")

    @task(1)
    def t_board(self):
        self.board()
