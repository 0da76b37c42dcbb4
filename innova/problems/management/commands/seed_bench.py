"""Seed benchmark volumes: `manage.py seed_bench --problems 100000 --supports-per-problem 10`.

PostgreSQL only (it uses COPY); idempotent per size: it tops up to the requested counts. Synthetic users have
unusable passwords and e-mails under @bench.invalid.
"""

import io
import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from innova.accounts.models import User
from innova.core.seeding import answer_deadlines_set
from innova.core.text import fold, stems_document
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

SUBJECTS = [
    "Huecos",
    "Basuras",
    "Inseguridad",
    "Alumbrado",
    "Ruido",
    "Árboles caídos",
    "Andenes rotos",
    "Cortes de agua",
    "Perros callejeros",
    "Falta de rutas",
    "Consumo de drogas",
    "Inundaciones",
    "Escombros",
    "Robos",
]
PLACES = [
    "la vía a Usme Pueblo",
    "el parque de Santa Librada",
    "la quebrada Yomasa",
    "el colegio de Chuniza",
    "el barrio La Aurora",
    "la vereda Olarte",
    "Monteblanco",
    "el puente de Yomasa",
    "la Avenida Boyacá",
    "El Virrey",
    "Betania",
    "Alfonso López",
    "La Flora",
    "Ciudad Usme",
]
DETAILS = [
    "desde hace meses",
    "cada noche",
    "los fines de semana",
    "cuando llueve",
    "frente al paradero",
    "cerca del jardín infantil",
    "y nadie responde",
    "afecta a los niños",
    "afecta a los adultos mayores",
]


class Command(BaseCommand):
    help = "Seed benchmark volumes of problems and supports (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--problems", type=int, default=100_000)
        parser.add_argument("--supports-per-problem", type=int, default=10)
        parser.add_argument("--users", type=int, default=20_000)

    def handle(self, *args, problems: int, supports_per_problem: int, users: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_bench needs PostgreSQL (DATABASE_URL=postgres://…).")
        rng = random.Random(2026)
        started = time.perf_counter()
        user_ids = self._users(users)
        problem_ids = self._problems(problems, user_ids, rng)
        self._supports(problem_ids, user_ids, supports_per_problem, rng)
        answer_deadlines_set(Problem.objects.all(), threshold=settings.INNOVA_PROBLEM_SUPPORT_THRESHOLD)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"seeded: problems={Problem.objects.count()} supports={self._count('problems_support')} "
            f"users={User.objects.count()} in {time.perf_counter() - started:.0f} s"
        )

    def _count(self, table: str) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            return cursor.fetchone()[0]

    def _users(self, count: int) -> list[int]:
        existing = User.objects.filter(email__endswith="@bench.invalid").count()
        batch = [
            User(email=f"bench{n}@bench.invalid", display_name=f"Vecino {n}", password="!")  # noqa: S106 - unusable
            for n in range(existing, count)
        ]
        User.objects.bulk_create(batch, batch_size=5000)
        return list(User.objects.filter(email__endswith="@bench.invalid").values_list("id", flat=True))

    def _problems(self, count: int, user_ids: list[int], rng: random.Random) -> list[int]:
        existing = Problem.objects.count()
        themes = list(Theme.objects.values_list("id", flat=True))
        upzs = list(Upz.objects.all())
        now = timezone.now()
        batch = []
        for n in range(existing, count):
            title = f"{rng.choice(SUBJECTS)} en {rng.choice(PLACES)}"
            description = f"{title} {rng.choice(DETAILS)}. Reporte número {n}."
            upz = rng.choice(upzs)
            batch.append(
                Problem(
                    title=title,
                    description=description,
                    theme_id=rng.choice(themes),
                    upz=upz,
                    latitude=upz.centroid_lat + rng.uniform(-0.005, 0.005),
                    longitude=upz.centroid_lon + rng.uniform(-0.005, 0.005),
                    author_id=rng.choice(user_ids),
                    status=rng.choice(["reported", "in_review", "validated", "in_progress", "resolved"]),
                    published_at=now - timezone.timedelta(minutes=n),
                    comment_count=rng.randint(0, 30),
                    answered_at=now if rng.random() < 0.2 else None,
                    search_text=fold(f"{title} {description}"),
                    search_stems=stems_document(f"{title} {description}"),
                )
            )
            if len(batch) == 5000:
                Problem.objects.bulk_create(batch)
                batch = []
        Problem.objects.bulk_create(batch)
        return list(Problem.objects.values_list("id", flat=True))

    def _supports(self, problem_ids: list[int], user_ids: list[int], per_problem: int, rng: random.Random) -> None:
        target = len(problem_ids) * per_problem
        if self._count("problems_support") >= target:
            return
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE problems_support")
        now = timezone.now().isoformat()
        with connection.cursor() as cursor:
            with cursor.copy("COPY problems_support (problem_id, user_id, created_at) FROM STDIN") as copy:
                buffer = io.StringIO()
                for index, problem_id in enumerate(problem_ids):
                    # A long tail: a few problems gather hundreds of supports, most a handful.
                    count = min(len(user_ids), max(1, int(rng.paretovariate(1.5) * per_problem / 2.7)))
                    for user_id in rng.sample(user_ids, count):
                        buffer.write(f"{problem_id}\t{user_id}\t{now}\n")
                    if index % 2000 == 0:
                        copy.write(buffer.getvalue())
                        buffer = io.StringIO()
                copy.write(buffer.getvalue())
            cursor.execute(
                "UPDATE problems_problem p SET support_count = s.n FROM "
                "(SELECT problem_id, count(*) AS n FROM problems_support GROUP BY problem_id) s "
                "WHERE s.problem_id = p.id"
            )
