"""The helpers that carry a service's answer to the page: a refusal on the field, on top, or as a message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from innova.core.service_results import (
    errors_into_form,
    refusal_message,
    refusal_text,
    service_into_form,
    service_or_message,
    service_with_message,
)


class NoteForm(forms.Form):
    title = forms.CharField()
    body = forms.CharField()


def _form():
    form = NoteForm({"title": "Parque", "body": "Sin luz"})
    assert form.is_valid()
    return form


def _request():
    request = RequestFactory().post("/")
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    return request


def _messages(request):
    return [(message.level_tag, str(message)) for message in get_messages(request)]


def _refuse(error):
    def action():
        raise error

    return action


def test_service_into_form_returns_the_result_and_leaves_the_form_clean():
    form = _form()
    assert service_into_form(form, lambda: 7) == 7
    assert not form.errors


def test_a_refusal_without_a_field_goes_on_top_of_the_form():
    form = _form()
    assert service_into_form(form, _refuse(ValidationError("No se puede."))) is None
    assert form.non_field_errors() == ["No se puede."]
    assert form.data["title"] == "Parque"  # what was typed is shown again


def test_a_refusal_naming_a_field_goes_next_to_it_and_an_unknown_one_on_top():
    form = _form()
    errors_into_form(form, ValidationError({"body": "Muy corto.", "photos": "Sin fotos."}))
    assert form.errors["body"] == ["Muy corto."]
    assert form.non_field_errors() == ["Sin fotos."]


def test_field_option_puts_a_plain_refusal_next_to_that_field():
    form = _form()
    assert service_into_form(form, _refuse(ValidationError("Repetido.")), field="body") is None
    assert form.errors["body"] == ["Repetido."]
    assert not form.non_field_errors()


def test_field_option_does_not_move_a_refusal_that_names_its_own_field():
    form = _form()
    service_into_form(form, _refuse(ValidationError({"title": "Ya existe."})), field="body")
    assert form.errors == {"title": ["Ya existe."]}


def test_service_or_message_returns_the_result_with_the_success_message():
    request = _request()
    assert service_or_message(request, lambda: "hecho", "Listo.") == "hecho"
    assert _messages(request) == [("success", "Listo.")]


def test_service_or_message_without_success_adds_no_message():
    request = _request()
    assert service_or_message(request, lambda: "hecho") == "hecho"
    assert _messages(request) == []


def test_service_or_message_shows_the_refusal_and_returns_none():
    request = _request()
    assert service_or_message(request, _refuse(ValidationError(["Cerrado.", "Vuelva luego."])), "Listo.") is None
    assert _messages(request) == [("error", "Cerrado. Vuelva luego.")]


def test_service_with_message_tells_whether_a_silent_service_ran():
    request = _request()
    assert service_with_message(request, lambda: None, "Guardado.") is True
    assert service_with_message(request, _refuse(ValidationError("No."))) is False
    assert _messages(request) == [("success", "Guardado."), ("error", "No.")]


def test_refusal_message_joins_the_messages():
    request = _request()
    refusal_message(request, ValidationError({"a": "Uno.", "b": "Dos."}))
    assert _messages(request) == [("error", "Uno. Dos.")]


def test_refusals_option_shows_a_permission_refusal_as_a_message():
    request = _request()
    refused = _refuse(PermissionDenied("Esta lluvia de ideas no recibe invitados."))
    assert service_or_message(request, refused, "Listo.", refusals=(PermissionDenied, ValidationError)) is None
    assert _messages(request) == [("error", "Esta lluvia de ideas no recibe invitados.")]


def test_without_the_refusals_option_a_permission_refusal_goes_up_to_the_403_page():
    request = _request()
    with pytest.raises(PermissionDenied):
        service_with_message(request, _refuse(PermissionDenied("No.")), "Listo.")
    assert _messages(request) == []


def test_refusal_text_reads_either_kind_of_refusal():
    assert refusal_text(ValidationError(["Uno.", "Dos."])) == "Uno. Dos."
    assert refusal_text(PermissionDenied("Solo facilitadores.")) == "Solo facilitadores."
