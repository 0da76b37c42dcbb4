from django import forms
from django.utils.translation import gettext_lazy as _

from innova.problems.forms import ProblemForm
from innova.problems.models import Theme
from innova.territory.models import Upz


class AssistedReportForm(ProblemForm):
    """A facilitator's entry for a resident at an attention point (consent given on the paper form)."""

    point = forms.CharField(label=_("Attention point"), max_length=120, initial="Alcaldía Local de Usme")
    resident_name = forms.CharField(
        label=_("Resident's name"), help_text=_("Kept private: it is not published."), max_length=120, required=False
    )
    form_number = forms.CharField(label=_("Paper form number"), max_length=40, required=False)
    paper_consent = forms.BooleanField(
        label=_("The resident signed the data-policy consent on the paper form."),
        error_messages={"required": _("Without the signed consent on paper the report cannot be entered.")},
    )

    field_order = ["point", "resident_name", "form_number", "paper_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("anonymous")


class PaperRowForm(forms.Form):
    """One paper form of a stack, typed fast."""

    form_number = forms.CharField(label=_("Form no."), max_length=40, required=False)
    title = forms.CharField(label=_("Problem"), max_length=140)
    description = forms.CharField(label=_("Details"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.filter(active=True))
    upz = forms.ModelChoiceField(label=_("UPZ"), queryset=Upz.objects.all())


PaperStackFormSet = forms.formset_factory(PaperRowForm, extra=5, max_num=20)
