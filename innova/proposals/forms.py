import re

from django import forms
from django.utils.translation import gettext_lazy as _

from innova.core.form_fields import text_area
from innova.problems.models import Problem, Theme
from innova.territory.models import Upz

from .models import IdeaStatus, Origin, Status
from .selectors import DEFAULT_SORT, SORTS, ProposalFilters


class ProblemReferencesField(forms.CharField):
    """Problem references typed as "USM-0012, 40": a list of published problems (a select of thousands would not do)."""

    def to_python(self, value):
        text = super().to_python(value)
        numbers = []
        for part in re.split(r"[,;\s]+", text.upper()):
            part = part.removeprefix("USM-").strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(_("“%(part)s” is not a problem number.") % {"part": part})
            numbers.append(int(part))
        published = Problem.objects.filter(pk__in=numbers, published_at__isnull=False, hidden_at__isnull=True)
        found = {p.pk: p for p in published}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                _("There is no published problem with the number %(numbers)s.")
                % {"numbers": ", ".join(f"USM-{n:04d}" for n in missing)}
            )
        return [found[n] for n in dict.fromkeys(numbers)]

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(p.reference if isinstance(p, Problem) else str(p) for p in value)
        return value


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the proposal"),
        max_length=140,
        help_text=_("In a few words, e.g. “Senderos iluminados al parque Santa Librada”."),
        error_messages={"required": _("Write a short title for the proposal.")},
    )
    summary = text_area(
        _("Summary"),
        max_length=500,
        rows=3,
        empty_message=_("Write a short summary."),
        help_text=_("Up to 500 characters: what you propose and why."),
        error_messages={"max_length": _("The summary can have up to 500 characters.")},
        attrs={"maxlength": 500},
    )
    problems = ProblemReferencesField(
        label=_("Problems it addresses"),
        required=False,
        help_text=_("The numbers of the problems, separated by commas, e.g. USM-0012, USM-0040."),
    )
    solution = text_area(
        _("The solution"),
        max_length=6000,
        rows=6,
        empty_message=_("Describe the solution you propose."),
        help_text=_("How it would work, step by step."),
    )
    expected_impact = text_area(_("Expected impact"), max_length=3000, rows=3, required=False)
    beneficiary_upzs = forms.ModelMultipleChoiceField(
        label=_("UPZ that benefit"),
        queryset=Upz.objects.defer("boundary"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    beneficiary_groups = forms.CharField(
        label=_("Groups that benefit"),
        max_length=300,
        required=False,
        help_text=_("e.g. children, older people, street vendors."),
    )
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (pesos)"),
        required=False,
        min_value=0,
        max_value=10**13,
        error_messages={"invalid": _("Write the cost as a whole number of pesos, without dots.")},
    )
    resources = text_area(_("Resources needed"), max_length=3000, rows=3, required=False)


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the co-author"),
        error_messages={"required": _("Write an e-mail address."), "invalid": _("Write a valid e-mail address.")},
    )


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Next step"), choices=Status.choices)
    reason = text_area(
        _("Reason (public)"),
        max_length=2000,
        rows=3,
        empty_message=_("Write the reason for this step; it is shown in public."),
    )


class ProposalFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    upz = forms.ModelChoiceField(
        label=_("UPZ"), queryset=Upz.objects.defer("boundary"), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *[c for c in Status.choices if c[0] != Status.DRAFT]],
        required=False,
    )
    origin = forms.ChoiceField(label=_("Origin"), choices=[("", _("All")), *Origin.choices], required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("apoyadas", _("Most supported")), ("recientes", _("Newest")), ("comentadas", _("Most discussed"))],
        required=False,
    )

    def filters(self) -> ProposalFilters:
        data = self.cleaned_data if self.is_valid() else {}
        sort = data.get("sort") or DEFAULT_SORT
        return ProposalFilters(
            upz=data["upz"].pk if data.get("upz") else None,
            status=data.get("status") or None,
            origin=data.get("origin") or None,
            q=data.get("q") or "",
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )


class IdeaForm(forms.Form):
    body = text_area(
        _("Your idea"),
        max_length=2000,
        rows=4,
        empty_message=_("Write your idea before sending it."),
        help_text=_("Any creative opinion about Usme. You can send it without an account."),
    )


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What to do with it"),
        choices=[
            (IdeaStatus.PROBLEM, _("Turn it into a problem")),
            (IdeaStatus.PROPOSAL, _("Turn it into a proposal draft")),
            (IdeaStatus.ARCHIVED, _("Archive it, with a reason")),
        ],
        widget=forms.RadioSelect,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme (for a problem)"), queryset=Theme.objects.filter(active=True), required=False
    )
    upz = forms.ModelChoiceField(label=_("UPZ (for a problem)"), queryset=Upz.objects.defer("boundary"), required=False)
    reason = text_area(_("Reason (the author reads it)"), max_length=1000, rows=2, required=False)


def triage_forms(prefixes) -> list[TriageForm]:
    """One TriageForm per idea of the queue, their theme and UPZ choices read once for all (not two queries a form)."""
    triage = [TriageForm(prefix=prefix) for prefix in prefixes]
    if triage:
        shared = {name: list(triage[0].fields[name].choices) for name in ("theme", "upz")}
        for form in triage[1:]:
            for name, choices in shared.items():
                form.fields[name].choices = choices
    return triage
