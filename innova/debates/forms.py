from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Debate


class DebateForm(forms.ModelForm):
    class Meta:
        model = Debate
        fields = ["title", "context", "has_opinion_map", "allow_anonymous_opinions"]
        widgets = {"context": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("The question people discuss, e.g. “¿Cómo recuperamos la quebrada Yomasa?”"),
            "has_opinion_map": _("Participants vote short statements and see who agrees with whom."),
            "allow_anonymous_opinions": _("People without an account vote from their browser, without their name."),
        }


class CloseForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Conclusion"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}), strip=True
    )
