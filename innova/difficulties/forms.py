from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Difficulty


class DifficultyForm(forms.ModelForm):
    class Meta:
        model = Difficulty
        fields = ["title", "description", "kind", "likelihood", "impact", "owner", "mitigation", "review_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
            "likelihood": forms.Select(choices=[(n, n) for n in range(1, 6)]),
            "impact": forms.Select(choices=[(n, n) for n in range(1, 6)]),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "likelihood": _("1: very unlikely · 5: almost certain."),
            "impact": _("1: minor · 5: it would stop the work."),
            "owner": _("The person who watches this difficulty and is told when its review is overdue."),
        }
        error_messages = {
            "title": {"required": _("Write the difficulty.")},
            "description": {"required": _("Describe the difficulty.")},
            "kind": {"required": _("Choose the type of difficulty.")},
            "likelihood": {"required": _("Choose the likelihood from 1 to 5.")},
            "impact": {"required": _("Choose the impact from 1 to 5.")},
        }

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owners is not None:
            self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.public_name


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices
