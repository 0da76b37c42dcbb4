from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class PreferencesForm(forms.Form):
    """One "show in the app" checkbox and one e-mail frequency per kind, built from ``selectors.preference_rows``."""

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            kind = row["kind"]
            self.fields[f"in_app_{kind}"] = forms.BooleanField(
                label=_("Show in the app"), required=False, initial=row["in_app"]
            )
            self.fields[f"email_{kind}"] = forms.ChoiceField(
                label=_("E-mail"), choices=Frequency.choices, initial=row["email"]
            )

    def grouped(self) -> list[dict]:
        """Rows with their bound fields, for the template (one fieldset per kind)."""
        return [
            {**row, "in_app_field": self[f"in_app_{row['kind']}"], "email_field": self[f"email_{row['kind']}"]}
            for row in self.rows
        ]

    def choices(self) -> dict[str, tuple[bool, str]]:
        return {
            row["kind"]: (self.cleaned_data[f"in_app_{row['kind']}"], self.cleaned_data[f"email_{row['kind']}"])
            for row in self.rows
        }
