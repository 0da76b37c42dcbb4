import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from innova.territory.models import Upz

from . import registry


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200)
    tipo = forms.ChoiceField(label=_("Type"), required=False)
    upz = forms.ModelChoiceField(label=_("UPZ"), queryset=Upz.objects.all(), required=False, empty_label=_("All"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [("", _("All")), *((s.kind, s.label) for s in registry.search_sources())]


class DashboardFilterForm(forms.Form):
    desde = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    hasta = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    upz = forms.ModelChoiceField(label=_("UPZ"), queryset=Upz.objects.all(), required=False, empty_label=_("All"))

    def clean(self):
        data = super().clean()
        if data.get("desde") and data.get("hasta") and data["desde"] > data["hasta"]:
            raise forms.ValidationError(_("The start date must be before the end date."))
        return data

    def period(self):
        data = self.cleaned_data
        return data.get("desde"), data.get("hasta"), data.get("upz")


class ReportMonthForm(forms.Form):
    mes = forms.CharField(
        label=_("Month"),
        help_text=_("Year and month, e.g. 2026-10."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-10"}),
    )

    def clean_mes(self):
        try:
            value = datetime.datetime.strptime(self.cleaned_data["mes"].strip(), "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Write the month as year-month, e.g. 2026-10.")) from None
        if value.year < 2020 or value > datetime.date.today():
            raise forms.ValidationError(_("Choose a month between 2020 and this month."))
        return value
