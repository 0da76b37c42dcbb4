"""How a view shows what a service answered: refusals become Spanish form errors or messages, nothing is lost."""

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError

T = TypeVar("T")


def service_into_form(form, action: Callable[[], T]) -> T | None:
    """Run ``action`` (a service call) for a valid form. A ValidationError is attached to the field it names, or
    on top of the form, so the page is shown again with everything typed. Returns the result, or None if refused.
    """
    try:
        return action()
    except ValidationError as error:
        errors_into_form(form, error)
        return None


def errors_into_form(form, error: ValidationError) -> None:
    """A service's refusal on the form: next to the field it names (``ValidationError({"photos": …})``), else on
    top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def service_with_message(request, action: Callable[[], object], success: str) -> bool:
    """Run ``action`` (a service call) for a button: the success message, or the refusal's own message."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
