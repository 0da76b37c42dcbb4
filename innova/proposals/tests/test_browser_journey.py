"""A resident turns a problem into a proposal on a phone, a neighbour co-authors it, people support it, and an
official answers "viable" in public; the problem's page then shows what came from it."""

import pytest

from innova.proposals import services
from innova.proposals.models import Invitation, Proposal, Status, Support

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_problem_becomes_a_proposal_with_coauthor_supports_and_viable_answer(
    live_server, logged_in_page, screenshot, make_user, make_problem
):
    problem = make_problem(
        title="Basuras acumuladas en la quebrada Yomasa", description="Bolsas y escombros en la ronda de la quebrada."
    )
    existing = services.proposal_create(
        author=make_user("citizen"),
        title="Jornadas de limpieza en la quebrada Yomasa",
        summary="Limpieza mensual de la ronda.",
        solution="Jornadas con el colegio.",
    )
    services.proposal_publish(user=existing.author, proposal=existing)
    author = make_user("citizen", display_name="Marleny")
    coauthor = make_user("citizen", display_name="Don Efraín", email="efrain@prueba.usme.co")
    official = make_user("official", display_name="Andrés Gómez", entity="Alcaldía Local de Usme")

    page = logged_in_page(author)
    proposal = _draft_a_proposal_from_the_problem(page, live_server, screenshot, problem)
    invitation = _invite_a_coauthor(page, screenshot, proposal)

    other_page = logged_in_page(coauthor)
    other_page.goto(live_server.url + f"/propuestas/invitacion/{invitation.token}/")
    other_page.get_by_role("button", name="Aceptar y ser coautor/a").click()
    other_page.get_by_text("Ahora es coautor/a de esta propuesta").wait_for()
    assert proposal.coauthors.filter(pk=coauthor.pk).exists()

    # Publish: a similar proposal exists, so the review step offers it first; this one is different.
    page.reload()
    page.get_by_role("button", name="Publicar la propuesta").click()
    page.get_by_role("button", name="La mía es distinta: publicarla").wait_for()
    screenshot(page, "review-similar")
    page.get_by_role("button", name="La mía es distinta: publicarla").click()
    page.get_by_text("Su propuesta fue publicada").wait_for()

    # The co-author's neighbour supports it (htmx swaps the button in place).
    supporter_page = logged_in_page(make_user("citizen"))
    supporter_page.goto(live_server.url + proposal.get_absolute_url())
    supporter_page.get_by_role("button", name="La apoyo").click()
    supporter_page.get_by_role("button", name="La apoyo (retirar)").wait_for()
    assert Support.objects.filter(proposal=proposal).count() == 1
    screenshot(supporter_page, "supported")

    # An official studies it and answers "viable", with a public reason.
    staff_page = logged_in_page(official)
    _study_it_then_answer_viable(staff_page, live_server, proposal)
    _see_the_answer_and_the_problems_trail(page, live_server, screenshot, proposal, problem)


def _draft_a_proposal_from_the_problem(page, live_server, screenshot, problem) -> Proposal:
    """From the problem's page: "Write a proposal to solve it"."""
    page.goto(live_server.url + problem.get_absolute_url())
    page.get_by_role("link", name="Escribir una propuesta para resolverlo").click()
    assert page.input_value("#id_problems") == problem.reference
    page.fill("#id_title", "Puntos limpios en la quebrada Yomasa")
    page.fill("#id_summary", "Tres puntos de reciclaje vigilados por la comunidad.")
    # The similar-proposals hint appears while typing (htmx).
    page.locator("#similar-hint").get_by_text("Jornadas de limpieza en la quebrada Yomasa").wait_for()
    page.fill("#id_solution", "Instalar tres puntos limpios y formar gestores ambientales del barrio.")
    page.fill("#id_estimated_cost", "38000000")
    screenshot(page, "proposal-form")
    page.get_by_role("button", name="Guardar el borrador").click()
    page.get_by_text("Su borrador fue guardado").wait_for()
    proposal = Proposal.objects.get(title="Puntos limpios en la quebrada Yomasa")
    assert proposal.published_at is None and list(proposal.problems.all()) == [problem]
    return proposal


def _invite_a_coauthor(page, screenshot, proposal) -> Invitation:
    """Invite a co-author by e-mail; the invitation is pending until accepted."""
    page.fill("#id_email", "efrain@prueba.usme.co")
    page.get_by_role("button", name="Invitar como coautor/a").click()
    page.get_by_text("Invitaciones pendientes").wait_for()
    screenshot(page, "draft-with-pending-invitation")
    return Invitation.objects.get(proposal=proposal)


def _study_it_then_answer_viable(staff_page, live_server, proposal):
    staff_page.goto(live_server.url + proposal.get_absolute_url())
    staff_page.select_option("#id_to_status", label="En estudio")
    staff_page.fill("#id_reason", "La UAESP revisa dónde ubicar los puntos.")
    staff_page.get_by_role("button", name="Cambiar estado").click()
    staff_page.get_by_text("El estado fue cambiado").wait_for()
    staff_page.select_option("#id_to_status", label="Viable")
    staff_page.fill("#id_reason", "Es viable: cabe en el presupuesto participativo 2027.")
    staff_page.get_by_role("button", name="Cambiar estado").click()
    staff_page.get_by_text("El estado fue cambiado").wait_for()
    proposal.refresh_from_db()
    assert proposal.status == Status.VIABLE and proposal.answered_at is not None


def _see_the_answer_and_the_problems_trail(page, live_server, screenshot, proposal, problem):
    """Everyone sees the answer in the public history, and the problem's trail shows the proposal."""
    page.goto(live_server.url + proposal.get_absolute_url())
    assert "cabe en el presupuesto participativo" in page.locator("#historial").inner_text()
    screenshot(page, "viable-history")
    page.goto(live_server.url + problem.get_absolute_url() + "#rastro")
    trail = page.locator("#rastro")
    assert "Puntos limpios en la quebrada Yomasa" in trail.inner_text() and "Viable" in trail.inner_text()
    trail.scroll_into_view_if_needed()
    screenshot(page, "problem-trail", full_page=False)


def test_idea_box_anonymous_idea_triaged_and_versions_diff(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user
):
    # An anonymous visitor sends an idea and keeps the private link.
    context = browser_context_factory()
    page = context.new_page()
    page.goto(live_server.url + "/ideas/")
    page.fill("#id_body", "Un festival de cometas en Usme Pueblo, con premios para los niños.")
    screenshot(page, "idea-box")
    page.get_by_role("button", name="Enviar mi idea").click()
    page.get_by_text("Guarde la dirección de esta página").first.wait_for()
    track_url = page.url

    # A facilitator archives it with a reason.
    facilitator = make_user("facilitator", display_name="Paola")
    staff_page = logged_in_page(facilitator)
    staff_page.goto(live_server.url + "/ideas/bandeja/")
    staff_page.get_by_label("Archivarla, con un motivo").check()
    staff_page.get_by_label("Motivo (la persona autora lo lee)").fill("Ya hay un festival de cometas en agosto.")
    screenshot(staff_page, "idea-queue")
    staff_page.get_by_role("button", name="Clasificar").click()
    staff_page.get_by_text("La idea fue clasificada").wait_for()

    # The sender reads the reason on the private page.
    page.goto(track_url)
    assert "Ya hay un festival de cometas en agosto." in page.content()
    screenshot(page, "idea-archived")

    # Versions: a published proposal edited twice shows its changes as a diff.
    author = make_user("citizen")
    proposal = services.proposal_create(
        author=author, title="Cometas en Usme", summary="Festival anual.", solution="Un festival en agosto."
    )
    proposal = services.proposal_publish(user=author, proposal=proposal)
    services.proposal_update(editor=author, proposal=proposal, solution="Un festival en agosto, con talleres.")
    page.goto(live_server.url + proposal.get_absolute_url() + "versiones/")
    assert page.locator(".diff-add").count() >= 1 and page.locator(".diff-del").count() >= 1
    screenshot(page, "versions-diff")
