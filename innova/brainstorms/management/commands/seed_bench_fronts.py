"""Seed benchmark volumes: `manage.py seed_bench_fronts --fronts 1000 --boards 50`.

Tops up to ``--fronts`` work fronts (slugs bench-frente-N) with members drawn from the synthetic people of
`seed_bench` (a long tail: a few fronts of hundreds, most of a dozen), sessions for about a third of them, a few
linked problems each, and ``--boards`` brainstorm boards with cards on the first fronts. Bulk inserts, any database.
It lives in brainstorms, the app above fronts, because it seeds both (docs/ARCHITECTURE.md, "Layers between apps").
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from innova.brainstorms.models import Board, Card, Colour, Phase
from innova.core.seeding import bench_user_ids, statistics_refresh
from innova.fronts.models import Front, FrontProblem, FrontSession, JoinPolicy, MemberRole, Membership
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

SLUG = "bench-frente-"
WHAT = ["Huertas", "Quebradas vivas", "Movilidad segura", "Jóvenes y empleo", "Parques", "Cultura", "Reciclaje"]
WHERE = ["Santa Librada", "Yomasa", "La Flora", "Betania", "Ciudad Usme", "El Virrey", "Alfonso López"]
IDEAS = ["Más luz en el parque", "Jornada de limpieza", "Ruta escolar segura", "Mural con los jóvenes", "Huerta"]


class Command(BaseCommand):
    help = "Seed benchmark volumes of work fronts, members, sessions and brainstorm boards."

    def add_arguments(self, parser):
        parser.add_argument("--fronts", type=int, default=1000)
        parser.add_argument("--members-per-front", type=int, default=15)
        parser.add_argument("--boards", type=int, default=50)

    def handle(self, *args, fronts: int, members_per_front: int, boards: int, **options):
        users = bench_user_ids()
        if not users:
            raise CommandError("No synthetic people yet: run `manage.py seed_bench` first.")
        rng = random.Random(2028)  # repeatable synthetic data, not security  # nosec B311
        started = time.perf_counter()
        with transaction.atomic():
            created = self._fronts(fronts, users, members_per_front, rng)
            self._boards(boards, rng)
        if created:
            statistics_refresh("fronts_front", "fronts_membership", "fronts_frontsession", "fronts_frontproblem")
        self.stdout.write(
            f"seeded: fronts={Front.objects.count()} memberships={Membership.objects.count()} "
            f"sessions={FrontSession.objects.count()} boards={Board.objects.count()} (new fronts {created}) "
            f"in {time.perf_counter() - started:.0f} s"
        )

    def _fronts(self, count: int, users: list[int], per_front: int, rng: random.Random) -> int:
        existing = Front.objects.filter(slug__startswith=SLUG).count()
        if existing >= count:
            return 0
        themes = list(Theme.objects.values_list("pk", flat=True))
        upzs = list(Upz.objects.values_list("pk", flat=True))
        problems = list(Problem.objects.values_list("pk", flat=True)[:20_000])
        new = Front.objects.bulk_create(
            [
                Front(
                    name=f"{rng.choice(WHAT)} en {rng.choice(WHERE)} {n}",
                    slug=f"{SLUG}{n}",
                    theme_id=rng.choice(themes),
                    description=f"Frente de trabajo número {n}: vecinos, JAC y Alcaldía Local trabajamos juntos.",
                    join_policy=rng.choice([JoinPolicy.OPEN, JoinPolicy.OPEN, JoinPolicy.REQUEST]),
                    created_by_id=rng.choice(users),
                )
                for n in range(existing, count)
            ],
            batch_size=1000,
        )
        Through = Front.upzs.through
        Through.objects.bulk_create(
            [Through(front_id=front.pk, upz_id=upz) for front in new for upz in rng.sample(upzs, rng.randint(1, 2))]
        )
        memberships, sessions, links = [], [], []
        now = timezone.now()
        for front in new:
            size = min(len(users), max(2, int(rng.paretovariate(1.5) * per_front / 3)))
            for index, user in enumerate(rng.sample(users, size)):
                role = MemberRole.COORDINATOR if index == 0 else MemberRole.MEMBER
                memberships.append(Membership(front_id=front.pk, user_id=user, role=role))
            if rng.random() < 0.33:
                for day in rng.sample(range(-60, 30), rng.randint(1, 4)):
                    starts = now + timezone.timedelta(days=day, hours=rng.randint(0, 8))
                    sessions.append(
                        FrontSession(
                            front_id=front.pk,
                            title=f"Reunión {front.name}",
                            starts_at=starts,
                            ends_at=starts + timezone.timedelta(hours=2),
                            place="Salón comunal",
                            minutes="Acordamos una jornada de trabajo." if day < 0 else "",
                            minutes_published_at=starts if day < 0 else None,
                        )
                    )
            linked = rng.sample(problems, min(len(problems), rng.randint(0, 5)))
            links += [FrontProblem(front_id=front.pk, problem_id=problem) for problem in linked]
        Membership.objects.bulk_create(memberships, batch_size=5000)
        FrontSession.objects.bulk_create(sessions, batch_size=5000)
        FrontProblem.objects.bulk_create(links, batch_size=5000)
        return len(new)

    def _boards(self, count: int, rng: random.Random) -> None:
        have = Board.objects.filter(front__slug__startswith=SLUG).count()
        coordinators = Membership.objects.filter(front__slug__startswith=SLUG, role=MemberRole.COORDINATOR)
        new = Board.objects.bulk_create(
            [
                Board(
                    front_id=coordinator.front_id,
                    prompt="¿Qué hacemos primero en el barrio?",
                    facilitator_id=coordinator.user_id,
                    phase=rng.choice([Phase.IDEAS, Phase.IDEAS, Phase.CLOSED]),
                )
                for coordinator in coordinators.order_by("front_id")[have:count]
            ]
        )
        Card.objects.bulk_create(
            [
                Card(board=board, text=f"{rng.choice(IDEAS)} ({n})", colour=rng.choice(Colour.values))
                for board in new
                for n in range(rng.randint(10, 40))
            ],
            batch_size=5000,
        )
