"""Read what a benchmark needs from the bench database: `python -m bench.bench_data volumes|targets` prints JSON."""

import json
import os
import sys

import django

# (app label, model, how the report names it); models of apps not installed are skipped.
VOLUME_MODELS = [
    ("problems", "Problem", "problems"),
    ("problems", "Support", "supports"),
    ("accounts", "User", "people"),
    ("proposals", "Proposal", "proposals"),
    ("proposals", "Support", "proposal supports"),
    ("fronts", "Front", "fronts"),
    ("fronts", "Membership", "front memberships"),
    ("surveys", "Response", "survey responses"),
]


def volumes() -> dict[str, int]:
    from django.apps import apps

    counts = {}
    for app_label, model_name, label in VOLUME_MODELS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        counts[label] = model.objects.count()
    return counts


def targets() -> dict[str, list]:
    from django.utils import timezone

    from innova.brainstorms.models import Board
    from innova.fronts.models import Front
    from innova.problems.models import Problem, Theme
    from innova.proposals.selectors import proposal_visible
    from innova.surveys.models import Survey
    from innova.territory.models import Upz

    visible = Problem.objects.filter(published_at__isnull=False, hidden_at__isnull=True)
    surveys = Survey.objects.filter(published=True, slug__startswith="bench-")
    return {
        "problems": list(visible.values_list("id", flat=True)[:5000]),
        "upzs": list(Upz.objects.values_list("id", flat=True)),
        "themes": list(Theme.objects.values_list("id", flat=True)),
        "proposals": list(proposal_visible().order_by("pk").values_list("id", flat=True)[:5000]),
        "fronts": list(Front.objects.values_list("slug", flat=True)),
        "boards": list(Board.objects.values_list("id", flat=True)),
        "surveys_open": list(surveys.filter(closes_at__isnull=True).values_list("slug", flat=True)),
        "surveys_public": list(
            surveys.filter(results_public=True, closes_at__lte=timezone.now()).values_list("slug", flat=True)
        ),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")
    django.setup()
    print(json.dumps({"volumes": volumes, "targets": targets}[sys.argv[1]]()))
