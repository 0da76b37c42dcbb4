"""Issue #19.1 on a phone (360 × 740): a resident reports an abusive comment, a facilitator hides it from
/moderacion/, and the problem's page no longer shows it."""

import pytest

from innova.comments.models import Comment, Flag
from innova.comments.services import comment_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ABUSE = "Ustedes los de Yomasa son unos vagos, no merecen nada"


def test_a_resident_reports_a_comment_and_a_facilitator_hides_it(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user, make_problem
):
    problem = make_problem(title="Huecos en la calle 91 sur")
    comment = comment_add(author=make_user("citizen", display_name="Troll"), target=problem, body=ABUSE)
    resident = make_user("citizen", display_name="Marleny")
    facilitator = make_user("facilitator", display_name="Lina")

    page = logged_in_page(resident, width=360, height=740)
    page.goto(live_server.url + problem.get_absolute_url())
    thread = page.locator(f"#comentario-{comment.pk}")
    thread.get_by_text("Responder o reportar").click()
    thread.get_by_label("Reportar a los moderadores: ¿qué está mal?").fill("Insulta a la gente de Yomasa")
    screenshot(page, "report-form")
    thread.get_by_role("button", name="Reportar").click()
    page.get_by_text("Gracias. Los moderadores lo revisarán.").wait_for()
    assert Flag.objects.get().reason == "Insulta a la gente de Yomasa"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    queue = logged_in_page(facilitator, width=360, height=740)
    queue.goto(live_server.url + "/moderacion/")
    item = queue.locator("article", has_text=ABUSE)
    item.get_by_text("Comentario ·").wait_for()  # the kind, in Spanish
    item.get_by_text("Insulta a la gente de Yomasa").wait_for()
    item.get_by_label("Motivo (la persona autora lo leerá)").fill("Lenguaje ofensivo contra un barrio")
    screenshot(queue, "moderation-queue")
    item.get_by_role("button", name="Ocultar").click()
    queue.get_by_text("Contenido ocultado.").wait_for()
    assert Comment.objects.get(pk=comment.pk).hidden_at is not None

    visitor = browser_context_factory(width=360, height=740).new_page()
    visitor.goto(live_server.url + problem.get_absolute_url())
    visitor.get_by_role("heading", name="Huecos en la calle 91 sur").wait_for()
    assert ABUSE not in visitor.content()
