from django import forms
from django.utils.translation import gettext_lazy as _

from innova.problems.models import Theme
from innova.territory.models import Upz

from .models import Colour, Phase


class BoardForm(forms.Form):
    prompt = forms.CharField(
        label=_("Question for the brainstorm"),
        max_length=200,
        help_text=_("E.g. “¿Cómo hacemos más segura la vía a Usme Pueblo?”"),
        error_messages={"required": _("Write the question of the brainstorm.")},
    )
    front = forms.IntegerField(required=False, widget=forms.HiddenInput)
    dots_per_person = forms.IntegerField(label=_("Dots per person for voting"), min_value=1, max_value=20, initial=3)
    allow_anonymous = forms.BooleanField(label=_("Allow ideas without a name"), required=False, initial=True)
    allow_guests = forms.BooleanField(
        label=_("Allow guests with just a nickname (workshops in the room)"), required=False
    )
    members_only = forms.BooleanField(label=_("Only members of the work front take part"), required=False)


class CardForm(forms.Form):
    text = forms.CharField(
        label=_("Your idea"),
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text=_("Up to 280 characters."),
        error_messages={"required": _("Write your idea.")},
    )
    colour = forms.ChoiceField(label=_("Colour"), choices=Colour.choices, initial=Colour.YELLOW)
    anonymous = forms.BooleanField(label=_("Post without my name"), required=False)


class GuestForm(forms.Form):
    nickname = forms.CharField(
        label=_("Your nickname"),
        max_length=40,
        min_length=2,
        error_messages={
            "required": _("Write a nickname of 2 to 40 characters."),
            "min_length": _("Write a nickname of 2 to 40 characters."),
        },
    )
    accept_policy = forms.BooleanField(
        label=_("I accept the data policy"),
        error_messages={"required": _("Accept the data policy to take part as a guest.")},
    )


class JoinCodeForm(forms.Form):
    codigo = forms.CharField(label=_("Room code"), max_length=8, help_text=_("The code on the facilitator's screen."))


class GroupForm(forms.Form):
    name = forms.CharField(label=_("New group"), max_length=80)


class LimitsForm(forms.Form):
    """The facilitator's flood limits for each participant (services.limits.board_limits_set checks the ranges)."""

    ideas_per_hour = forms.IntegerField(label=_("Ideas per person per hour"), min_value=1, max_value=1000)
    dot_changes_per_minute = forms.IntegerField(
        label=_("Dot changes per person per minute"), min_value=1, max_value=600
    )


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices)


class PromoteForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.filter(active=True))
    upz = forms.ModelChoiceField(label=_("UPZ or rural zone"), queryset=Upz.objects.all(), required=False)
