from django import forms
from django.utils.translation import gettext_lazy as _

from innova.core.form_fields import text_area
from innova.problems.forms import theme_field
from innova.territory.models import Upz

from .models import JoinPolicy


class FrontForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the work front"),
        max_length=120,
        error_messages={"required": _("Write the name of the work front.")},
    )
    theme = theme_field()
    description = text_area(
        _("What does this front work on?"),
        max_length=4000,
        rows=5,
        empty_message=_("Describe what the front works on."),
    )
    upzs = forms.ModelMultipleChoiceField(
        label=_("UPZ scope"), queryset=Upz.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    join_policy = forms.ChoiceField(label=_("How people join"), choices=JoinPolicy.choices, initial=JoinPolicy.OPEN)
    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, up to 8 MB."),
    )
    cover_alt = forms.CharField(label=_("What does the image show?"), max_length=200, required=False)


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=140, error_messages={"required": _("Write the title of the session.")}
    )
    starts_at = forms.DateTimeField(
        label=_("Starts (date and time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Write when the session starts."), "invalid": _("Write a valid date and time.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Ends (date and time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": _("Write when the session ends."), "invalid": _("Write a valid date and time.")},
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Auditorio Alcaldía Local de Usme”."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")


class MinutesForm(forms.Form):
    minutes = text_area(
        _("Minutes (acta)"), max_length=20000, rows=8, empty_message=_("Write the minutes before publishing them.")
    )


class ProblemLinkForm(forms.Form):
    problem = forms.IntegerField(
        label=_("Problem number"),
        min_value=1,
        help_text=_("The number of the problem, e.g. 12 for USM-0012."),
        error_messages={"required": _("Write the number of the problem.")},
    )
