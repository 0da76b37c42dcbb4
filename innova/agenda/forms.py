from django import forms
from django.utils.translation import gettext_lazy as _

from innova.territory.models import Upz

from .models import Event, Kind

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All kinds"))] + list(Kind.choices), required=False)
    upz = forms.ModelChoiceField(label=_("UPZ"), queryset=Upz.objects.all(), required=False, empty_label=_("All"))
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Year and month, for example 2026-08."),
    )

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-", 1))
            if not (1 <= month <= 12 and 2000 <= year <= 2100):
                raise ValueError
        except ValueError:
            raise forms.ValidationError(_("Write the month as year-month, for example 2026-08.")) from None
        return year, month

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {"kind": "", "upz": None, "month": None}
        return {
            "kind": self.cleaned_data["kind"],
            "upz": self.cleaned_data["upz"],
            "month": self.cleaned_data["month"],
        }


class EventForm(forms.ModelForm):
    online_url = forms.URLField(label=_("online link"), required=False, assume_scheme="https")
    questions = forms.CharField(
        label=_("Questions for people who register"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, for example: Do you need a sign-language interpreter?"),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place_name",
            "address",
            "upz",
            "latitude",
            "longitude",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "front_id",
            "accessibility_notes",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "latitude": forms.NumberInput(attrs={"step": "any"}),
            "longitude": forms.NumberInput(attrs={"step": "any"}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
        }
        # online_url is declared above (https by default) and filled from the instance in __init__.
        labels = {"front_id": _("Work front number"), "latitude": _("Latitude"), "longitude": _("Longitude")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["online_url"].initial = self.instance.online_url
        self.order_fields(["kind", "title", "description", "starts_at", "ends_at", "place_name", "address", "upz"])


class GuestRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    consent = forms.BooleanField(
        label=_("I accept that the lab uses these data to manage my registration, as the personal-data policy says."),
        required=True,
        error_messages={"required": _("Accept the personal-data policy to register.")},
    )

    def clean(self):
        data = super().clean()
        if not (data.get("email") or data.get("phone")):
            raise forms.ValidationError(_("Give an e-mail or a phone number so we can tell you about changes."))
        return data


def question_fields(event, data=None) -> list[tuple]:
    """(question, bound value) pairs for the event's questions, to render and to read."""
    return [(q, (data or {}).get(f"q{q.pk}", "")) for q in event.questions.all()]


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Registration code"), max_length=20)


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
