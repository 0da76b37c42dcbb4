from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import STATEMENT_MAX_LENGTH, VoteValue


class StatementForm(forms.Form):
    text = forms.CharField(
        label=_("Your statement"),
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": STATEMENT_MAX_LENGTH}),
        help_text=_("One idea, in at most 140 characters, that others can agree or disagree with."),
        error_messages={"max_length": _("A statement has at most 140 characters (it has %(show_value)d).")},
    )


class VoteForm(forms.Form):
    statement = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.TypedChoiceField(choices=VoteValue.choices, coerce=int)


class ImportForm(forms.Form):
    archive = forms.FileField(
        label=_("Pol.is export (zip)"),
        required=False,
        help_text=_("A zip with comments.csv and participants-votes.csv."),
    )
    comments = forms.FileField(label=_("or comments.csv"), required=False)
    votes = forms.FileField(label=_("and participants-votes.csv"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("archive") and not (data.get("comments") and data.get("votes")):
            raise ValidationError(_("Attach the zip, or both CSV files."))
        return data
