"""A visitor without an account reads comments served from the cache; when a commenter changes their public name or
deletes their account, the next visit shows the new name or "Cuenta eliminada" at once, not two minutes later
(issue #19)."""

import pytest

from innova.comments.services import comment_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_never_sees_a_changed_or_deleted_name(
    browser_context_factory, live_server, logged_in_page, screenshot, make_user, make_problem
):
    problem = make_problem(title="Hueco frente al colegio de La Aurora")
    leaving = make_user("citizen", display_name="Marleny Rodríguez")
    renaming = make_user("citizen", display_name="Don Jairo Pérez")
    comment_add(author=leaving, target=problem, body="Mis hijos pasan por ahí todos los días.")
    comment_add(author=renaming, target=problem, body="Ya se cayó una moto la semana pasada.")

    visitor = browser_context_factory().new_page()
    visitor.goto(live_server.url + problem.get_absolute_url())
    assert "Marleny Rodríguez" in visitor.content() and "Don Jairo Pérez" in visitor.content()

    # One commenter changes the public name in the profile…
    page = logged_in_page(renaming)
    page.goto(live_server.url + "/cuenta/perfil/editar/")
    page.get_by_label("Nombre público").fill("Jairo P.")
    page.get_by_role("button", name="Guardar").first.click()
    page.get_by_text("Su perfil quedó guardado").wait_for()

    # …the other deletes the account.
    page = logged_in_page(leaving)
    page.goto(live_server.url + "/cuenta/perfil/eliminar/")
    page.get_by_label("Escriba ELIMINAR para confirmar").fill("ELIMINAR")
    page.get_by_role("button", name="Eliminar mi cuenta").click()
    page.get_by_text("Su cuenta fue eliminada").wait_for()

    visitor.reload()
    screenshot(visitor, "comments-after-changes")
    html = visitor.content()
    assert "Marleny" not in html and "Cuenta eliminada" in html
    assert "Don Jairo Pérez" not in html and "Jairo P." in html
