"""A resident votes on ten statements on a phone, sees herself in a group on the map, and changes a vote."""

import pytest

from innova.opinions import services
from innova.opinions.models import MapResult, Participant, Vote

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_vote_ten_statements_and_find_yourself_on_the_map(
    live_server, logged_in_page, screenshot, make_user, two_blocs, debate
):
    statements = two_blocs(debate)
    services.opinion_map_recompute(debate=debate)
    citizen = make_user("citizen", display_name="Marleny")

    page = logged_in_page(citizen)
    page.goto(live_server.url + debate.get_absolute_url())
    page.get_by_role("link", name="Dé su opinión").click()
    page.get_by_text("Ha votado 0 de 10 frases.").wait_for()
    screenshot(page, "first-card")
    by_text = {s.text: s for s in statements}
    for n in range(10):
        text = page.locator(".statement-text").inner_text()
        index = statements.index(by_text[text])
        # Vote like the first bloc: agree with the even statements, disagree with the odd ones (pass on one).
        name = "Paso" if index == 3 else ("De acuerdo" if index % 2 == 0 else "En desacuerdo")
        page.get_by_role("button", name=name, exact=True).click()
        page.get_by_text(f"Ha votado {n + 1} de 10 frases.").wait_for()
        if n == 4:
            screenshot(page, "halfway")
    page.get_by_text("Ya votó todas las frases").wait_for()
    screenshot(page, "all-voted")
    participant = Participant.objects.get(debate=debate, user=citizen)
    assert participant.votes.count() == 10

    # The map was recomputed after the votes (eager task on commit): she is a dot of her own, in a group.
    page.get_by_role("link", name="Ver el mapa de opinión").click()
    viewer_group = page.locator("#viewer-group")
    viewer_group.wait_for()
    data = MapResult.objects.get(debate=debate).data
    mine = next(p for p in data["participants"] if p[0] == participant.pk)
    label = next(g["label"] for g in data["groups"] if g["id"] == mine[3])
    assert f"Usted está en el grupo {label}." in viewer_group.inner_text()
    bloc0 = Participant.objects.get(debate=debate, anonymous_key="bloc0-0")
    assert mine[3] == next(p[3] for p in data["participants"] if p[0] == bloc0.pk)
    assert page.locator("svg .viewer-dot").count() == 1
    assert page.locator("svg text.viewer-label").text_content() == "Usted"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the map page must not scroll sideways"
    screenshot(page, "map-top", full_page=False)
    screenshot(page, "map-full")

    # Change a vote later from "Mis votos".
    page.get_by_role("link", name="Mis votos").click()
    first = page.locator(".my-votes li").first
    first.get_by_role("button", name="En desacuerdo").click()
    page.get_by_text("Su voto fue cambiado.").wait_for()
    assert Vote.objects.get(participant=participant, statement=statements[0]).value == -1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "my votes must not scroll sideways"
    screenshot(page, "my-votes")

    # Propose a statement: it waits for a facilitator.
    page.get_by_role("link", name="Proponer una frase").first.click()
    page.fill("#id_text", "Hay que iluminar el parque de la quebrada")
    page.get_by_role("button", name="Enviar la frase").click()
    page.get_by_text("Su frase se mostrará cuando una persona facilitadora la revise").wait_for()
    screenshot(page, "proposed")


def test_anonymous_neighbour_votes_in_the_demo_debate(browser_context_factory, live_server, screenshot, make_user):
    import io

    from innova.opinions import demo

    make_user("facilitator", email="facilitadora@demo.usme.co")
    demo.load(io.StringIO())
    debate = MapResult.objects.get().debate

    page = browser_context_factory().new_page()
    page.goto(live_server.url + f"/mapas-de-opinion/{debate.pk}/votar/")
    page.get_by_text("Ha votado 0 de 25 frases.").wait_for()
    for n in range(10):
        # Votes like the rural bloc on what it cares about; passes on the rest.
        text = page.locator(".statement-text").inner_text()
        chances = dict(demo.STATEMENTS)[text]
        name = "De acuerdo" if chances[1] > 0.7 else ("En desacuerdo" if chances[1] < 0.35 else "Paso")
        page.get_by_role("button", name=name, exact=True).click()
        page.get_by_text(f"Ha votado {n + 1} de 25 frases.").wait_for()
    assert Participant.objects.filter(debate=debate, user=None).exclude(anonymous_key__startswith="demo:").count() == 1
    page.goto(live_server.url + f"/mapas-de-opinion/{debate.pk}/")
    page.locator("#viewer-group").wait_for()
    assert "Usted está en el grupo" in page.locator("#viewer-group").inner_text()
    assert page.locator("svg circle").count() >= 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "demo-map-top", full_page=False)
    screenshot(page, "demo-map-full")


def test_facilitator_opens_a_debate_moderates_and_imports_a_polis_conversation(
    live_server, logged_in_page, screenshot, facilitator, citizen, tmp_path
):
    import zipfile

    from innova.debates.models import Debate
    from innova.debates.testing import make_debate
    from innova.opinions.models import Statement, StatementStatus

    from .polis_data import BREXIT, polis_conversation

    page = logged_in_page(facilitator)
    page.goto(live_server.url + "/debates/nuevo/")
    page.fill("#id_title", "¿Cómo recuperamos la quebrada Yomasa?")
    page.fill("#id_context", "La quebrada recibe basuras y escombros.")
    screenshot(page, "create-debate")
    page.get_by_role("button", name="Abrir el debate").click()
    page.get_by_text("El debate está abierto.").wait_for()
    debate = Debate.objects.get(title="¿Cómo recuperamos la quebrada Yomasa?")

    # Seed a statement (approved at once) and review a neighbour's (pending until approved).
    page.get_by_role("link", name="Agregar frases").click()
    page.fill("#id_text", "Hay que sembrar árboles en la ronda de la quebrada")
    page.get_by_role("button", name="Enviar la frase").click()
    page.get_by_text("La frase fue agregada").wait_for()
    services.statement_submit(user=citizen, debate=debate, text="Que las juntas hagan jornadas de limpieza")
    page.goto(live_server.url + debate.get_absolute_url())
    page.get_by_role("link", name="Frases por revisar").click()
    page.get_by_text("Que las juntas hagan jornadas de limpieza").wait_for()
    screenshot(page, "moderation-queue")
    page.get_by_role("button", name="Aprobar").click()
    page.get_by_text("Frase aprobada").wait_for()
    assert Statement.objects.filter(debate=debate, status=StatementStatus.APPROVED).count() == 2

    # Import a real Pol.is conversation into an empty debate and see its map.
    brexit = polis_conversation(BREXIT)
    archive = tmp_path / "brexit.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for name in ("comments.csv", "participants-votes.csv"):
            bundle.write(brexit / name, name)
    empty = make_debate(author=facilitator, title="Brexit (conversación de Pol.is importada)")
    page.goto(live_server.url + f"/mapas-de-opinion/{empty.pk}/importar/")
    page.set_input_files("#id_archive", str(archive))
    screenshot(page, "import-form")
    page.get_by_role("button", name="Importar", exact=True).click()
    page.get_by_text("Se importaron 50 frases").wait_for()
    assert page.locator("svg circle").count() >= 150
    screenshot(page, "imported-map", full_page=False)
