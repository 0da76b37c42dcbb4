"""The journeys `make bench` drives with Locust: an anonymous visitor, a logged-in resident, an official.

Data (problem ids, filter values, session keys) comes from the JSON file in BENCH_LOCUST_DATA, written by
bench/load.py after seeding. Request names group URLs into pages, so the report has one row per page.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ["BENCH_LOCUST_DATA"]).read()) if os.environ.get("BENCH_LOCUST_DATA") else {}
WORDS = ["basuras", "huecos", "inseguridad", "arboles", "alumbrado", "ruido", "robos", "andenes", "movilidad"]
_residents = itertools.cycle(DATA.get("residents", []))
_officials = itertools.cycle(DATA.get("officials", []))


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


class Resident(Browsing, HttpUser):
    """Logged in: reads, and supports problems (one support per person and problem, reversible)."""

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


class Official(Browsing, HttpUser):
    """Staff: the list of problems waiting for an official answer, and their pages."""

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
