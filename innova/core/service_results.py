"""How a view shows what a service answered: refusals become Spanish form errors or messages, nothing is lost."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError

T = TypeVar("T")


def service_into_form(form, action: Callable[[], T], *, field: str | None = None) -> T | None:
    """Run ``action`` (a service call) for a valid form. A ValidationError is attached to the field it names, or
    to ``field`` (else on top of the form), so the page is shown again with everything typed. Returns the result,
    or None if refused.
    """
    try:
        return action()
    except ValidationError as error:
        errors_into_form(form, error, field=field)
        return None


def errors_into_form(form, error: ValidationError, *, field: str | None = None) -> None:
    """A service's refusal on the form: next to the field it names (``ValidationError({"photos": …})``), else next
    to ``field`` when given, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


def refusal_text(error: Exception) -> str:
    """A refusal in its own Spanish words: a ValidationError's messages, else the exception's text (the reason of a
    PermissionDenied, for tools that tell guests why instead of showing the 403 page)."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def refusal_message(request, error: Exception) -> None:
    """A service's refusal as the page's error message."""
    messages.error(request, refusal_text(error))


def service_or_message(
    request,
    action: Callable[[], T],
    success: str | None = None,
    *,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> T | None:
    """Run ``action`` (a service call) for a button: its result and the ``success`` message (if any), or None and
    the refusal's own message. ``refusals`` are the exceptions shown as a message (ValidationError unless told)."""
    try:
        result = action()
    except refusals as error:
        refusal_message(request, error)
        return None
    if success is not None:
        messages.success(request, success)
    return result


def service_with_message(
    request,
    action: Callable[[], object],
    success: str | None = None,
    *,
    refusals: tuple[type[Exception], ...] = (ValidationError,),
) -> bool:
    """Like ``service_or_message`` for a service that answers nothing: whether it ran."""
    return service_or_message(request, lambda: action() or True, success, refusals=refusals) is not None
