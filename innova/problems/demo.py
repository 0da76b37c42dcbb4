"""Demo problems of Usme: 34 realistic reports across the UPZs, with supports, answers and statuses."""

import random

from innova.accounts.models import User
from innova.core.roles import Role
from innova.territory.models import Upz

from . import services
from .demo_reports import PROBLEMS
from .models import Problem, Status, Theme

WORKFLOW_PATH = {
    Status.REPORTED: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.VALIDATED: [Status.IN_REVIEW, Status.VALIDATED],
    Status.ASSIGNED: [Status.IN_REVIEW, Status.VALIDATED, Status.ASSIGNED],
    Status.IN_PROGRESS: [Status.IN_REVIEW, Status.VALIDATED, Status.IN_PROGRESS],
    Status.RESOLVED: [Status.IN_REVIEW, Status.VALIDATED, Status.IN_PROGRESS, Status.RESOLVED],
    Status.REJECTED: [Status.IN_REVIEW, Status.REJECTED],
}


def _supporters(count: int) -> list[User]:
    users = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            email=f"vecino{n:03d}@demo.usme.co", defaults={"display_name": f"Vecino/a {n}", "role": Role.CITIZEN}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append(user)
    return users


def load(stdout) -> None:
    created = 0
    rng = random.Random(5)  # repeatable demo data, not security  # nosec B311
    crowd = _supporters(70)
    authors = list(User.objects.filter(email__in=["vecina@demo.usme.co", "vecino@demo.usme.co", "joven@demo.usme.co"]))
    official = User.objects.get(email="funcionario@demo.usme.co")
    facilitator = User.objects.get(email="facilitadora@demo.usme.co")
    for index, (title, description, theme, upz, point, supporters, status, answer) in enumerate(PROBLEMS):
        if Problem.objects.filter(title=title).exists():
            continue
        author = official if index == 6 else authors[index % len(authors)]
        problem = services.problem_report(
            author=author,
            title=title,
            description=description,
            theme=Theme.objects.get(slug=theme),
            upz=Upz.objects.get(code=upz),
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            anonymous=index % 5 == 4,
        )
        for user in rng.sample(crowd, min(supporters, len(crowd))):
            services.problem_support_set(user=user, problem=problem, supported=True)
        for step in WORKFLOW_PATH[status]:
            reason = "Contenido ofensivo; no describe un problema de la localidad." if step == Status.REJECTED else ""
            services.problem_change_status(actor=facilitator, problem=problem, to_status=step, reason=reason)
        if answer:
            services.problem_answer(actor=official, problem=problem, body=answer)
        created += 1
    stdout.write(f"problems: {created} demo problems created")
