"""Seed benchmark volumes: `manage.py seed_bench_proposals --proposals 50000 --comments 500`.

Tops up to the requested number of published proposals (bulk inserts, any database), gives the oldest one
``--comments`` comments and ``--commented`` others a few each, and supports from the synthetic people (about
``--supports-per-proposal`` each, a long tail; COPY on PostgreSQL). Support counts are those of the rows.
Synthetic users have unusable passwords and e-mails under @bench.invalid.
"""

import math
import random
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from innova.accounts.models import User
from innova.comments.models import Comment
from innova.core.participation import search_fields
from innova.core.seeding import answer_deadlines_set, bench_user_ids, rows_copy, statistics_refresh, table_count
from innova.proposals.models import Origin, Proposal, Status, Support

WHAT = ["Huertas comunitarias", "Luminarias solares", "Puntos limpios", "Ciclovía", "Escuela de oficios", "Murales"]
WHERE = ["en Santa Librada", "en la quebrada Yomasa", "en La Flora", "en Betania", "en Ciudad Usme", "en El Virrey"]
HOW = ["con la JAC", "con el colegio", "con jóvenes del barrio", "con la Alcaldía Local", "con el SENA"]
STATUSES = [Status.PUBLISHED, Status.IN_STUDY, Status.VIABLE, Status.PROTOTYPE, Status.NOT_VIABLE]


class Command(BaseCommand):
    help = "Seed benchmark volumes of proposals and comments."

    def add_arguments(self, parser):
        parser.add_argument("--proposals", type=int, default=50_000)
        parser.add_argument("--comments", type=int, default=500)
        parser.add_argument("--commented", type=int, default=1000, help="proposals with a few comments each")
        parser.add_argument("--supports-per-proposal", type=int, default=4)

    def handle(self, *args, proposals: int, comments: int, commented: int, supports_per_proposal: int, **options):
        rng = random.Random(2027)  # repeatable synthetic data, not security  # nosec B311
        started = time.perf_counter()
        users = self._users(200)
        existing = Proposal.objects.count()
        now = timezone.now()
        batch = []
        for n in range(existing, proposals):
            title = f"{rng.choice(WHAT)} {rng.choice(WHERE)} {n}"
            summary = f"{title} {rng.choice(HOW)}."
            solution = f"Proponemos {title.lower()} {rng.choice(HOW)}, paso a paso."
            batch.append(
                Proposal(
                    title=title,
                    summary=summary,
                    solution=solution,
                    author_id=rng.choice(users),
                    origin=Origin.NEW,
                    status=rng.choice(STATUSES),
                    support_count=rng.randrange(0, 300),
                    comment_count=rng.randrange(0, 30),
                    published_at=now - timezone.timedelta(minutes=n),
                    **search_fields(title, summary, solution),
                )
            )
            if len(batch) == 2000:
                Proposal.objects.bulk_create(batch)
                batch = []
        if batch:
            Proposal.objects.bulk_create(batch)
        target = Proposal.objects.order_by("pk").first()
        content_type = ContentType.objects.get_for_model(Proposal)
        have = Comment.objects.filter(target_type=content_type, target_id=target.pk).count()
        with transaction.atomic():
            Comment.objects.bulk_create(
                [
                    Comment(
                        target_type=content_type,
                        target_id=target.pk,
                        author_id=rng.choice(users),
                        body=f"Comentario {n}: me parece bien, {rng.choice(HOW)}.",
                    )
                    for n in range(have, comments)
                ]
            )
            Proposal.objects.filter(pk=target.pk).update(
                comment_count=Comment.objects.filter(target_type=content_type, target_id=target.pk).count()
            )
            self._comments(commented, content_type, users, rng)
        self._supports(supports_per_proposal, rng)
        answer_deadlines_set(Proposal.objects.all(), threshold=settings.INNOVA_PROPOSAL_SUPPORT_THRESHOLD)
        # Fresh statistics, or the planner takes 10,000 matching rows for one and joins them in a nested loop.
        statistics_refresh("proposals_proposal", "proposals_support", "core_comment", "accounts_user")
        self.stdout.write(
            f"seeded: proposals={Proposal.objects.count()} proposal_supports={table_count('proposals_support')}, "
            f"{comments} comments on #{target.pk} in {time.perf_counter() - started:.1f} s"
        )
        self.stdout.write(f"commented_id={target.pk}")

    def _comments(self, count: int, content_type, users: list[int], rng: random.Random) -> None:
        """A few comments on each of ``count`` proposals (after the oldest one), for those that have none yet."""
        chosen = list(Proposal.objects.order_by("pk").values_list("pk", flat=True)[1 : count + 1])
        have = set(
            Comment.objects.filter(target_type=content_type, target_id__in=chosen).values_list("target_id", flat=True)
        )
        new = [
            Comment(
                target_type=content_type,
                target_id=pk,
                author_id=rng.choice(users),
                body=f"Comentario {n}: me parece bien, {rng.choice(HOW)}.",
            )
            for pk in chosen
            if pk not in have
            for n in range(rng.randint(1, 8))
        ]
        Comment.objects.bulk_create(new, batch_size=5000)
        Proposal.objects.filter(pk__in=chosen).update(
            comment_count=Subquery(
                Comment.objects.filter(target_type=content_type, target_id=OuterRef("pk"))
                .values("target_id")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )

    def _supports(self, per_proposal: int, rng: random.Random) -> None:
        proposal_ids = list(Proposal.objects.order_by("pk").values_list("pk", flat=True))
        if table_count("proposals_support") >= len(proposal_ids) * per_proposal // 2:
            return  # seeded before: the long tail averages a bit over ``per_proposal``, rarely under half of it
        users = bench_user_ids()
        now = timezone.now()
        Support.objects.all().delete()

        def rows():
            for proposal_id in proposal_ids:
                # A long tail, as with problems: a few proposals gather hundreds of supports, most a handful.
                count = min(len(users), math.ceil(rng.paretovariate(1.5) * per_proposal / 3))
                for user_id in rng.sample(users, count):
                    yield proposal_id, user_id, now

        with transaction.atomic():
            rows_copy(table="proposals_support", columns=["proposal_id", "user_id", "created_at"], rows=rows())
            Proposal.objects.update(
                support_count=Coalesce(
                    Subquery(
                        Support.objects.filter(proposal_id=OuterRef("pk"))
                        .values("proposal_id")
                        .annotate(n=Count("pk"))
                        .values("n")
                    ),
                    0,
                )
            )

    def _users(self, count: int) -> list[int]:
        have = list(
            User.objects.filter(email__endswith="@bench.invalid").order_by("pk").values_list("pk", flat=True)[:count]
        )
        for n in range(len(have), count):
            user = User(email=f"propuestas{n}@bench.invalid", display_name=f"Vecino/a {n}")
            user.set_unusable_password()
            user.save()
            have.append(user.pk)
        return have
