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
    ("fronts", "Front", "fronts"),
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


def targets() -> dict[str, list[int]]:
    from innova.problems.models import Problem, Theme
    from innova.territory.models import Upz

    visible = Problem.objects.filter(published_at__isnull=False, hidden_at__isnull=True)
    return {
        "problems": list(visible.values_list("id", flat=True)[:5000]),
        "upzs": list(Upz.objects.values_list("id", flat=True)),
        "themes": list(Theme.objects.values_list("id", flat=True)),
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innova.settings")
    django.setup()
    print(json.dumps({"volumes": volumes, "targets": targets}[sys.argv[1]]()))
