"""Habeas data, measured: the export holds everything about me and nothing about others; deleting my account leaves
no copy of my e-mail, names or phone in any table of any installed app."""

import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import Client
from django.urls import reverse

from innova.accounts.services import role_claim_verify, user_role_assign
from innova.core.testing import TEST_PASSWORD
from innova.problems.models import Theme
from innova.problems.services import problem_report
from innova.territory.models import Upz

pytestmark = pytest.mark.django_db


def _person(make_user, tag: str):
    """Someone who uses every feature; every string that identifies them contains ``tag``."""
    user = make_user(
        "citizen",
        email=f"{tag.lower()}.persona@correo.example",
        display_name=f"{tag}nick",
        first_name=f"{tag}nombre",
        last_name=f"{tag}apellido",
    )
    return user


def _use_everything(user, tag: str, *, other_problem, mention=None, administrator=None):
    client = Client()
    # A real log-in (django-axes records it with the e-mail) and one failed attempt.
    client.post(reverse("account_login"), {"login": user.email, "password": "equivocada"})
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    assert "_auth_user_id" in client.session
    theme, upz = Theme.objects.get(slug="movilidad"), Upz.objects.get(code="57")
    client.post(
        reverse("problems:report"),
        {"title": f"Problema {tag}", "description": f"Descripción {tag}", "theme": theme.pk, "upz": upz.pk},
    )
    client.post(reverse("problems:support", args=[other_problem.pk]), {"supported": "1"})
    ct = ContentType.objects.get_for_model(other_problem).pk
    body = f"Comentario {tag}" + (f" @{mention.display_name}" if mention else "")
    client.post(reverse("comments:comment_create", args=[ct, other_problem.pk]), {"body": body})
    client.post(reverse("comments:flag_create", args=[ct, other_problem.pk]), {"reason": f"Motivo {tag}"})
    client.post(
        reverse("accounts:role_claim"),
        {"role": "official", "entity": f"Entidad {tag}", "position": f"Cargo {tag}"},
    )
    client.post(
        reverse("accounts:profile_edit"),
        {
            "basic-display_name": user.display_name,
            "basic-first_name": user.first_name,
            "basic-last_name": user.last_name,
            "optional-upz": upz.pk,
            "optional-age_range": "29-44",
            "optional-gender": "woman",
            "optional-ethnicity": "campesino",
            "optional-disability": "false",
            "optional-consent": "on",
        },
    )
    Client().post(
        reverse("core:contact"),
        {
            "name": f"{user.first_name} {user.last_name}",
            "email": user.email,
            "subject": f"Asunto {tag}",
            "message": f"Llámeme al 310 555 {tag[:1].lower() == 'a' and '0101' or '0202'}",
            "accept_policy": "on",
        },
    )
    if administrator is not None:
        claim = user.role_claims.get()
        role_claim_verify(claim=claim, actor=administrator)
        user_role_assign(user=user, role="facilitator", actor=administrator)
        user_role_assign(user=user, role="citizen", actor=administrator)
    user.refresh_from_db()
    return client


@pytest.fixture
def shared_problem(make_user):
    author = make_user("citizen")
    return problem_report(
        author=author,
        title="Hueco compartido",
        description="Un hueco.",
        theme=Theme.objects.get(slug="movilidad"),
        upz=Upz.objects.get(code="57"),
    )


def test_export_contains_all_of_mine_and_nothing_of_another(make_user, shared_problem):
    me = _person(make_user, "Alfa")
    other = _person(make_user, "Beta")
    client = _use_everything(me, "Alfa", other_problem=shared_problem)
    _use_everything(other, "Beta", other_problem=shared_problem)

    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    text = response.content.decode()
    data = json.loads(text)
    for expected in (
        me.email,
        "Alfanick",
        "Alfanombre",
        "Alfaapellido",
        "Problema Alfa",
        "Descripción Alfa",
        "Comentario Alfa",
        "Motivo Alfa",
        "Entidad Alfa",
        "Cargo Alfa",
        "Asunto Alfa",
        "310 555 0101",
    ):
        assert expected in text, f"the export misses {expected!r}"
    assert data["account"]["optional_profile"]["gender"] == "woman"
    assert data["problems"]["supported"] == [shared_problem.pk]
    assert data["login_records"]["logins"], "log-ins recorded with my e-mail are mine too"
    for foreign in ("Beta", "beta.persona", "0202", "Hueco compartido"):
        assert foreign.lower() not in text.lower(), f"the export leaks {foreign!r} of someone else"


# Text-like fields that may hold a copy of a person's data.
TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField, models.JSONField)


def _every_text_value():
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._default_manager.values("pk", *fields):
            for field in fields:
                if row[field]:
                    yield f"{model._meta.label}.{field}#{row['pk']}", str(row[field])
        if model._meta.label == "sessions.Session":
            for session in model.objects.all():
                yield f"sessions.Session#{session.pk} (decoded)", json.dumps(session.get_decoded(), default=str)


def test_account_deletion_leaves_no_personal_data_anywhere(
    make_user, administrator, shared_problem, django_capture_on_commit_callbacks
):
    from innova.notifications.models import Notification

    witness = _person(make_user, "Gamma")  # mentioned by the person who leaves: must keep their own data
    leaver = _person(make_user, "Delta")
    with django_capture_on_commit_callbacks(execute=True):  # notifications are sent on commit
        client = _use_everything(
            leaver, "Delta", other_problem=shared_problem, mention=witness, administrator=administrator
        )
        _use_everything(witness, "Gamma", other_problem=shared_problem)
    assert Notification.objects.filter(recipient=witness, kind="mentioned", message__contains="Deltanick").exists()
    identifiers = [leaver.email, leaver.email.split("@")[0], "Deltanick", "Deltanombre", "Deltaapellido", "555 0101"]
    found_before = {key for key, value in _every_text_value() if any(i.lower() in value.lower() for i in identifiers)}
    assert len(found_before) > 10, f"the probe should start with copies in many places: {found_before}"

    response = client.post(reverse("accounts:delete"), {"confirm": "ELIMINAR"})
    assert response.status_code == 302

    leaks = [
        f"{key}: {value[:120]!r}"
        for key, value in _every_text_value()
        if any(identifier.lower() in value.lower() for identifier in identifiers)
    ]
    assert not leaks, "personal data left after deletion:\n" + "\n".join(leaks)

    # Public contributions stay, under "Cuenta eliminada"; private traces are gone.
    from innova.comments.models import Comment, Flag
    from innova.problems.models import Problem

    comment = Comment.objects.get(body__startswith="Comentario Delta")
    assert comment.author.public_name == "Cuenta eliminada"
    page = Client().get(shared_problem.get_absolute_url()).content.decode()
    assert "Comentario Delta" in page and "Cuenta eliminada" in page and "Deltanick" not in page
    assert Problem.objects.filter(title="Problema Delta").exists()
    assert not Flag.objects.filter(reason="Motivo Delta").exists()
    # Nothing of the witness was erased.
    for value in ("Gammanick", "gamma.persona@correo.example", "Motivo Gamma", "Asunto Gamma"):
        assert any(value in text for _key, text in _every_text_value()), value
