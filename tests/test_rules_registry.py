"""Every permission an app declares in its ``rules.py`` is asked for somewhere, and every permission asked for is
declared: a rule nobody checks is a check done another way (or not at all), and a name nobody declares is denied
silently by django-rules.

"Asked for" means: a call to ``require_perm``/``has_perm``/``test_rule``/``perm_required`` (Python), a
``visibility.register(Model, "app.perm")``, an app config's ``visible = {"Model": "app.perm"}`` or a
``{{ perms.app.perm }}`` / ``{% has_perm "app.perm" … %}`` in a template, outside the app's ``rules.py`` and outside
tests.
"""

import ast
import re
from pathlib import Path

import rules

ROOT = Path(__file__).resolve().parent.parent / "innova"
LABELS = sorted(p.parent.name for p in ROOT.glob("*/apps.py"))
APP = "|".join(LABELS)
PERM_NAME = re.compile(rf"^(?:{APP})\.[a-z_]+$")
PERM_CALLS = {"require_perm", "has_perm", "has_perms", "test_rule", "perm_required", "permission_required"}
TEMPLATE_USES = (
    re.compile(rf"\bperms\.((?:{APP})\.[a-z_]+)"),
    re.compile(r"\{%\s*has_perm\s+[\"']([a-z_]+\.[a-z_]+)[\"']"),
)


def _sources(suffix: str):
    for path in sorted(ROOT.rglob(f"*{suffix}")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        yield path


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return f"{owner}.{func.attr}" if owner == "visibility" else func.attr
    return getattr(func, "id", None)


def _string_args(call: ast.Call):
    for node in [*call.args, *(k.value for k in call.keywords)]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def declared_permissions() -> dict[str, str]:
    declared = {}
    for path in ROOT.glob("*/rules.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and _call_name(node) == "add_perm":
                name = node.args[0].value
                assert name not in declared, f"{name} is declared twice"
                declared[name] = str(path.relative_to(ROOT.parent))
    return declared


def _visible_declared(node) -> list[str]:
    """The permissions of an app config's ``visible = {"Model": "app.perm"}`` (``core.app_config``)."""
    if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict)):
        return []
    if not any(isinstance(target, ast.Name) and target.id == "visible" for target in node.targets):
        return []
    return [v.value for v in node.value.values if isinstance(v, ast.Constant) and PERM_NAME.match(str(v.value))]


def used_permissions() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in _sources(".py"):
        for node in ast.walk(ast.parse(path.read_text())):
            for value in _visible_declared(node):
                used.setdefault(value, set()).add(str(path.relative_to(ROOT.parent)))
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name in PERM_CALLS or name == "visibility.register":
                for value in _string_args(node):
                    if PERM_NAME.match(value) or name in PERM_CALLS and "." in value and " " not in value:
                        used.setdefault(value, set()).add(str(path.relative_to(ROOT.parent)))
    for path in _sources(".html"):
        text = path.read_text()
        for pattern in TEMPLATE_USES:
            for value in pattern.findall(text):
                used.setdefault(value, set()).add(str(path.relative_to(ROOT.parent)))
    return used


def test_the_scan_finds_the_rules():
    declared = declared_permissions()
    assert len(declared) > 50
    assert {"problems.view_problem", "comments.moderate", "surveys.manage_survey"} <= set(declared)
    for name in declared:
        assert rules.perm_exists(name), f"{name} is in a rules.py that is not loaded"


def test_every_declared_permission_is_used():
    used = used_permissions()
    unused = {name: where for name, where in declared_permissions().items() if name not in used}
    assert not unused, (
        f"declared in rules.py but never asked for (use it where its check is done, or drop it): {unused}"
    )


def test_every_used_permission_is_declared():
    declared = declared_permissions()
    undeclared = {name: sorted(where) for name, where in used_permissions().items() if name not in declared}
    assert not undeclared, f"asked for but declared in no rules.py (django-rules would deny it): {undeclared}"
