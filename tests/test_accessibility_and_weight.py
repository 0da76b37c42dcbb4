"""Accessibility (axe-core, keyboard, 320 px) and page weight of the public pages, in a real browser.

The axe results and the page-weight figures are printed in the test output (run with -s to see them live; they
are also in the assertion messages when a budget is broken).
"""

import gzip
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WEIGHT_BUDGET_BYTES = 100 * 1024
REQUEST_BUDGET = 15


@pytest.fixture
def site(make_problem, make_user):
    problem = make_problem(
        title="Huecos en la vía a Usme Pueblo", description="Huecos profundos.", latitude=4.47, longitude=-74.128
    )
    from innova.proposals import services as proposals

    author = make_user("citizen")
    proposal = proposals.proposal_create(
        author=author, title="Puntos limpios", summary="Reciclaje.", solution="Tres puntos.", problems=[problem]
    )
    proposal = proposals.proposal_publish(user=author, proposal=proposal)
    proposals.proposal_update(editor=author, proposal=proposal, solution="Cuatro puntos.")
    return {"problem": problem, "proposal": proposal}


def public_pages(site) -> list[str]:
    return [
        "/",
        "/problemas/",
        site["problem"].get_absolute_url(),
        "/problemas/nuevo/",
        "/problemas/mapa/",
        "/cuenta/signup/",
        "/cuenta/login/",
        "/cuenta/password/reset/",
        "/politica-de-datos/",
        "/terminos/",
        "/accesibilidad/",
        "/contacto/",
        "/territorio/",
        # proposals and the open idea box
        "/propuestas/",
        site["proposal"].get_absolute_url(),
        site["proposal"].get_absolute_url() + "versiones/",
        "/ideas/",
    ]


def test_axe_finds_no_serious_or_critical_violations(browser_context_factory, live_server, site, capsys):
    # axe is injected by the test only; the app's own CSP would (rightly) refuse an inline script.
    context = browser_context_factory(bypass_csp=True)
    page = context.new_page()
    failures = []
    report = []
    for path in public_pages(site):
        page.goto(live_server.url + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help}))"
        )
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        report.append(
            f"axe {path}: {len(violations)} violations, {len(serious)} serious/critical {[v['id'] for v in violations]}"
        )
        failures += [f"{path}: {v['id']} ({v['impact']}, {v['nodes']} nodes) {v['help']}" for v in serious]
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert not failures, "\n".join(failures)


def test_page_weight_budget_on_first_visit(browser_context_factory, live_server, site, capsys):
    lines = []
    failures = []
    for path in ["/", "/problemas/", site["problem"].get_absolute_url()]:
        context = browser_context_factory()
        page = context.new_page()
        responses = []
        page.on("response", lambda response, sink=responses: sink.append(response))
        page.goto(live_server.url + path, wait_until="networkidle")
        total = 0
        for response in responses:
            if urlparse(response.url).path.endswith((".png", ".jpg", ".webp", ".woff2")):
                total += len(response.body())  # already compressed formats
            else:
                total += len(gzip.compress(response.body(), compresslevel=6))
        lines.append(f"weight {path}: {len(responses)} requests, {total / 1024:.1f} KB compressed")
        if total > WEIGHT_BUDGET_BYTES or len(responses) > REQUEST_BUDGET:
            failures.append(lines[-1])
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert not failures, failures


@pytest.mark.parametrize("width", [320])
def test_no_horizontal_scroll_at_320px_or_200_percent_zoom(browser_context_factory, live_server, site, width):
    # 200 % zoom of a 640 px window lays out like a 320 px screen.
    context = browser_context_factory(width=width, height=640)
    page = context.new_page()
    wide = []
    for path in public_pages(site):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            wide.append(f"{path}: {overflow}px too wide")
    assert not wide, wide


def test_keyboard_only_journey_through_reporting_a_problem(live_server, logged_in_page, make_user, screenshot):
    from innova.problems.models import Problem

    citizen = make_user("citizen")
    page = logged_in_page(citizen)
    page.goto(live_server.url + "/")
    # The skip link is the first stop and takes the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Saltar al contenido"
    page.goto(live_server.url + "/problemas/nuevo/")
    page.focus("#id_title")
    page.keyboard.type("Basuras en el paradero de Yomasa")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_description"
    page.keyboard.type("Las bolsas se acumulan toda la semana.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_theme"
    page.keyboard.press("ArrowDown")  # first theme
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_upz"
    page.keyboard.press("ArrowDown")
    # Focus is always visible (an outline on the focused control).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    screenshot(page, "keyboard-focus")
    assert page.input_value("#id_theme") != "" and page.input_value("#id_upz") != ""
    page.get_by_role("button", name="Publicar el problema").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Problem.objects.filter(title="Basuras en el paradero de Yomasa", published_at__isnull=False).exists()
