from django import forms
from django.utils.translation import gettext_lazy as _

from innova.core.form_fields import text_area
from innova.problems.models import Problem

from .models import ArgumentSide, Debate


class DebateForm(forms.ModelForm):
    class Meta:
        model = Debate
        fields = ["title", "context", "problems", "has_opinion_map", "allow_anonymous_opinions"]
        widgets = {"context": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("The question people discuss, e.g. “¿Cómo recuperamos la quebrada Yomasa?”"),
            "has_opinion_map": _("Participants vote short statements and see who agrees with whom."),
            "allow_anonymous_opinions": _("People without an account vote from their browser, without their name."),
            "problems": _("Optional: the debate shows in the trail of each problem chosen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problems"].queryset = Problem.objects.filter(
            hidden_at__isnull=True, published_at__isnull=False
        ).order_by("-published_at")[:200]
        self.fields["problems"].required = False


class CloseForm(forms.Form):
    conclusion = text_area(_("Conclusion"), max_length=4000, rows=5, strip=True)


class ArgumentForm(forms.Form):
    """Shown on the debate page next to the comment form: its own ids, so the two "body" fields never clash."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "argument_%s")
        super().__init__(*args, **kwargs)

    side = forms.ChoiceField(
        label=_("Your argument is"),
        choices=ArgumentSide.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your argument is for or against.")},
    )
    body = text_area(
        _("Argument"),
        max_length=1000,
        rows=3,
        empty_message=_("Write your argument."),
        help_text=_("At most 1000 characters. Simple Markdown works: **bold**, lists, links."),
        error_messages={"max_length": _("An argument has at most 1000 characters; make it shorter.")},
        attrs={"maxlength": 1000},
    )


class DebateRequestForm(forms.Form):
    title = forms.CharField(
        label=_("What question should we debate?"),
        max_length=200,
        error_messages={"required": _("Write the question you want to debate.")},
    )
    context = text_area(_("Why it matters"), max_length=2000, rows=4, required=False)


class DeclineForm(forms.Form):
    reason = text_area(
        _("Reason"), max_length=2000, rows=2, empty_message=_("Write the reason; the person who asked will read it.")
    )
