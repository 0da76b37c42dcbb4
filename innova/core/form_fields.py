"""Form fields the apps' forms declare alike."""

from django import forms


def text_area(label, *, max_length: int, rows: int, empty_message=None, **kwargs) -> forms.CharField:
    """A text of several lines: a box ``rows`` high, at most ``max_length`` characters.

    ``empty_message`` is the message shown when a required one is left empty; more ``error_messages`` and
    ``attrs`` of the box may be given (``{"maxlength": 500}`` stops the typing at the limit), and any other
    argument of CharField."""
    attrs = {"rows": rows, **kwargs.pop("attrs", {})}
    if empty_message is not None:
        kwargs["error_messages"] = {"required": empty_message, **kwargs.get("error_messages", {})}
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs=attrs), **kwargs)
