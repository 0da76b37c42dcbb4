"""Seed benchmark volumes: `manage.py seed_bench_proposals --proposals 50000 --comments 500`.

Tops up to the requested number of published proposals (bulk inserts, any database) and gives the oldest one
``--comments`` comments. Synthetic users have unusable passwords and e-mails under @bench.invalid.
"""

import random
import time

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from innova.accounts.models import User
from innova.core.models import Comment
from innova.core.participation import search_fields
from innova.proposals.models import Origin, Proposal, Status

WHAT = ["Huertas comunitarias", "Luminarias solares", "Puntos limpios", "Ciclovía", "Escuela de oficios", "Murales"]
WHERE = ["en Santa Librada", "en la quebrada Yomasa", "en La Flora", "en Betania", "en Ciudad Usme", "en El Virrey"]
HOW = ["con la JAC", "con el colegio", "con jóvenes del barrio", "con la Alcaldía Local", "con el SENA"]
STATUSES = [Status.PUBLISHED, Status.IN_STUDY, Status.VIABLE, Status.PROTOTYPE, Status.NOT_VIABLE]


class Command(BaseCommand):
    help = "Seed benchmark volumes of proposals and comments."

    def add_arguments(self, parser):
        parser.add_argument("--proposals", type=int, default=50_000)
        parser.add_argument("--comments", type=int, default=500)

    def handle(self, *args, proposals: int, comments: int, **options):
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
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner takes 10,000 matching rows for one and joins them in a nested loop.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE proposals_proposal, core_comment, accounts_user")
        self.stdout.write(
            f"seeded: {Proposal.objects.count()} proposals, {comments} comments on #{target.pk} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        self.stdout.write(f"commented_id={target.pk}")

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
