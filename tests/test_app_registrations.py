"""Registrations written as dotted paths respect the layers too (issue #21).

An app joins a lower app's registry by naming it in its ``AppConfig`` (``innova.core.app_config``); a string is
invisible to import-linter, so this test holds those paths to the same rule: an app may name itself or an app of a
lower layer (pyproject.toml, ``[tool.importlinter]``), never one beside or above it.
"""

import tomllib
from pathlib import Path

from django.apps import apps

from innova.core.app_config import InnovaAppConfig

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _layer_of() -> dict[str, int]:
    """App module → its layer, 0 at the bottom."""
    contracts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    layers = next(contract["layers"] for contract in contracts if contract["id"] == "layers")
    return {
        app.strip(): depth for depth, layer in enumerate(reversed(layers)) for app in layer.split("|") if app.strip()
    }


def _named_paths(config: InnovaAppConfig) -> list[str]:
    paths = [path for pair in config.registers for path in pair]
    paths += list(config.visible.values())  # a permission name ("problems.view_problem") is not a path
    if config.personal_data:
        paths += [path for path in config.personal_data[1:] if path]
    paths += list(config.baseline)
    return [path for path in paths if path.startswith("innova.")]


def _app_of(path: str, layer_of: dict[str, int]) -> str:
    return next(app for app in layer_of if path == app or path.startswith(app + "."))


def _upward(app: str, paths: list[str], layer_of: dict[str, int]) -> list[str]:
    offenders = []
    for path in paths:
        target = _app_of(path, layer_of)
        if target != app and layer_of[target] >= layer_of[app]:
            offenders.append(f"{app} names {path}")
    return offenders


def test_every_registration_path_points_down_or_home():
    layer_of = _layer_of()
    configs = [config for config in apps.get_app_configs() if isinstance(config, InnovaAppConfig)]
    assert sum(len(_named_paths(config)) for config in configs) > 10  # the paths are really read
    upward = [offender for config in configs for offender in _upward(config.name, _named_paths(config), layer_of)]
    assert not upward, f"registrations that point sideways or up: {upward}"


def test_an_upward_or_sideways_path_is_caught():
    layer_of = _layer_of()
    assert _upward("innova.core", ["innova.problems.trail.register"], layer_of)
    assert _upward("innova.debates", ["innova.proposals.selectors.x"], layer_of)  # same layer
    assert not _upward("innova.debates", ["innova.problems.trail.register", "innova.debates.x"], layer_of)
