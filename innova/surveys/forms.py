from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from innova.accounts.models import AgeRange, Gender

from .models import CHOICE_KINDS, Kind, Question, Section, Survey
from .selectors import code_labels, upz_choices

# --- Answering -------------------------------------------------------------------------------------------------


class SectionAnswerForm(forms.Form):
    """The visible questions of one section. Field names: ``q<id>``, ``q<id>_r<row>`` (matrix), ``q<id>_i<item>``
    (ranking). ``values()`` gives the draft values the service stores."""

    def __init__(self, *args, questions: list[Question], draft: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        draft = draft or {}
        for question in questions:
            self._add(question, draft.get(str(question.pk)))

    def _add(self, q: Question, value) -> None:
        name = f"q{q.pk}"
        common = {"label": q.text, "help_text": q.help_text, "required": q.required}
        kind = q.kind
        if kind == Kind.SHORT_TEXT:
            self.fields[name] = forms.CharField(max_length=200, **common)
        elif kind == Kind.LONG_TEXT:
            self.fields[name] = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), **common)
        elif kind == Kind.SINGLE:
            self.fields[name] = forms.TypedChoiceField(
                choices=list(enumerate(q.options)), coerce=int, empty_value=None, widget=forms.RadioSelect, **common
            )
        elif kind == Kind.MULTIPLE:
            self.fields[name] = forms.TypedMultipleChoiceField(
                choices=list(enumerate(q.options)), coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        elif kind == Kind.SCALE:
            self.fields[name] = forms.TypedChoiceField(
                choices=[(p, str(p)) for p in q.scale_points],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale"}),
                **common,
            )
        elif kind == Kind.NUMBER:
            self.fields[name] = forms.FloatField(
                min_value=q.minimum,
                max_value=q.maximum,
                widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
                **common,
            )
        elif kind == Kind.DATE:
            self.fields[name] = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
            )
        elif kind == Kind.UPZ:
            self.fields[name] = forms.TypedChoiceField(
                choices=[("", _("Choose…"))] + upz_choices(), coerce=int, empty_value=None, **common
            )
        elif kind == Kind.MATRIX:
            for index, row in enumerate(q.rows):
                self.fields[f"{name}_r{index}"] = forms.TypedChoiceField(
                    label=row,
                    choices=[(p, str(p)) for p in q.scale_points],
                    coerce=int,
                    empty_value=None,
                    required=q.required,
                    widget=forms.RadioSelect(attrs={"class": "scale"}),
                )
        elif kind == Kind.RANKING:
            positions = [("", "—")] + [(p, str(p)) for p in range(1, len(q.options) + 1)]
            for index, option in enumerate(q.options):
                self.fields[f"{name}_i{index}"] = forms.TypedChoiceField(
                    label=option, choices=positions, coerce=int, empty_value=None, required=q.required
                )
        self._initial(q, value)

    def _initial(self, q: Question, value) -> None:
        if value is None:
            return
        name = f"q{q.pk}"
        if q.kind in (Kind.MATRIX, Kind.RANKING):
            prefix = "r" if q.kind == Kind.MATRIX else "i"
            for row, point in value.items():
                self.initial[f"{name}_{prefix}{row}"] = point
        else:
            self.initial[name] = value

    def blocks(self) -> list[tuple[Question, list]]:
        """(question, bound fields) in order, for the template."""
        result = []
        for q in self.questions:
            prefix = f"q{q.pk}"
            names = [n for n in self.fields if n == prefix or n.startswith(prefix + "_")]
            result.append((q, [self[n] for n in names]))
        return result

    def clean(self):
        data = super().clean()
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind == Kind.MULTIPLE and data.get(name):
                chosen = len(data[name])
                if q.minimum and chosen < q.minimum:
                    text = ngettext("Choose at least %(n)s option.", "Choose at least %(n)s options.", q.minimum)
                    self.add_error(name, text % {"n": q.minimum})
                if q.maximum and chosen > q.maximum:
                    text = ngettext("Choose at most %(n)s option.", "Choose at most %(n)s options.", q.maximum)
                    self.add_error(name, text % {"n": q.maximum})
            elif q.kind == Kind.RANKING:
                names = [f"{name}_i{i}" for i in range(len(q.options))]
                given = [data.get(n) for n in names if data.get(n) is not None]
                if given and len(given) != len(names):
                    self.add_error(names[0], _("Give every option a position, or none."))
                elif len(set(given)) != len(given):
                    self.add_error(names[0], _("Each position can be used only once."))
        return data

    def values(self) -> dict:
        """Draft values keyed by question id; an unanswered question is None (removed from the draft)."""
        data = self.cleaned_data
        values = {}
        for q in self.questions:
            name = f"q{q.pk}"
            if q.kind in (Kind.MATRIX, Kind.RANKING):
                prefix = "r" if q.kind == Kind.MATRIX else "i"
                count = len(q.rows) if q.kind == Kind.MATRIX else len(q.options)
                points = {str(i): data.get(f"{name}_{prefix}{i}") for i in range(count)}
                points = {k: v for k, v in points.items() if v is not None}
                values[str(q.pk)] = points or None
            elif q.kind == Kind.DATE:
                values[str(q.pk)] = data[name].isoformat() if data.get(name) else None
            elif q.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
                values[str(q.pk)] = data.get(name, "").strip() or None
            else:
                value = data.get(name)
                values[str(q.pk)] = value if value not in ("", []) else None
        return values


# --- Builder ---------------------------------------------------------------------------------------------------

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "slug",
            "description",
            "access",
            "front_id",
            "identified",
            "allow_multiple",
            "opens_at",
            "closes_at",
            "published",
            "results_public",
        ]
        widgets = {"opens_at": DATETIME, "closes_at": DATETIME, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "slug": _("Part of the address: letters, numbers and hyphens, e.g. seguridad-2026."),
            "front_id": _("Only when the survey is for the members of a work front."),
        }

    def clean(self):
        data = super().clean()
        if data.get("access") == "front" and not data.get("front_id"):
            self.add_error("front_id", _("Write the number of the work front."))
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The survey must close after it opens."))
        return data


def condition_choices(*, survey: Survey, before: Section | None) -> list[tuple[str, str]]:
    """ "Question = answer" pairs of countable questions in earlier sections: ``<question id>:<code>``."""
    questions = Question.objects.filter(survey=survey, kind__in=CHOICE_KINDS).select_related("section")
    if before is not None:
        questions = questions.filter(section__order__lt=before.order)
    choices = []
    for question in questions.order_by("section__order", "order"):
        for code, label in code_labels(question).items():
            choices.append((f"{question.pk}:{code}", f"{question.text[:60]} = {label}"))
    return choices


class ConditionMixin(forms.Form):
    condition = forms.MultipleChoiceField(
        label=_("Show only if an earlier answer is"),
        required=False,
        help_text=_("Leave empty to always show it. Choose one or more answers of the same question."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def clean_condition(self):
        pairs = [value.split(":") for value in self.cleaned_data["condition"]]
        if len({question_id for question_id, _code in pairs}) > 1:
            raise forms.ValidationError(_("Choose answers of one question only."))
        return pairs

    def condition_parts(self) -> tuple:
        pairs = self.cleaned_data.get("condition") or []
        if not pairs:
            return None, []
        return Question.objects.get(pk=int(pairs[0][0])), [int(code) for _q, code in pairs]

    @staticmethod
    def condition_initial(obj) -> list[str]:
        if obj is None or not obj.has_condition:
            return []
        return [f"{obj.condition_question_id}:{code}" for code in obj.condition_values]


class SectionForm(ConditionMixin):
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    field_order = ["title", "description", "condition"]

    def __init__(self, *args, survey: Survey, section: Section | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A new section goes last: every existing section is earlier.
        before = section if section is not None else Section(order=10**9)
        self.fields["condition"].choices = condition_choices(survey=survey, before=before)

    def service_kwargs(self) -> dict:
        condition_question, condition_values = self.condition_parts()
        return {
            "title": self.cleaned_data["title"],
            "description": self.cleaned_data["description"],
            "condition_question": condition_question,
            "condition_values": condition_values,
        }


SCALE_CHOICES = [("5", _("1 to 5")), ("10", _("0 to 10"))]


class QuestionForm(ConditionMixin):
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    help_text = forms.CharField(label=_("Help text"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Single choice, multiple choice and ranking: one option per line."),
    )
    rows = forms.CharField(
        label=_("Matrix rows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    scale = forms.ChoiceField(label=_("Scale (scale and matrix)"), choices=SCALE_CHOICES, required=False)
    minimum = forms.IntegerField(
        label=_("Minimum"),
        required=False,
        help_text=_("Multiple choice: options to choose; number: lowest value."),
    )
    maximum = forms.IntegerField(
        label=_("Maximum"),
        required=False,
        help_text=_("Multiple choice: options to choose; number: highest value."),
    )
    field_order = [
        "kind",
        "text",
        "help_text",
        "required",
        "options",
        "rows",
        "scale",
        "minimum",
        "maximum",
        "condition",
    ]

    def __init__(self, *args, section: Section, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = condition_choices(survey=section.survey, before=section)

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {
            "kind": question.kind,
            "text": question.text,
            "help_text": question.help_text,
            "required": question.required,
            "options": "\n".join(question.options),
            "rows": "\n".join(question.rows),
            "scale": "10" if question.maximum == 10 else "5",
            "minimum": question.minimum if question.kind in (Kind.MULTIPLE, Kind.NUMBER) else None,
            "maximum": question.maximum if question.kind in (Kind.MULTIPLE, Kind.NUMBER) else None,
            "condition": ConditionMixin.condition_initial(question),
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        condition_question, condition_values = self.condition_parts()
        minimum, maximum = data["minimum"], data["maximum"]
        if data["kind"] in (Kind.SCALE, Kind.MATRIX):
            minimum, maximum = (0, 10) if data.get("scale") == "10" else (1, 5)
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "options": data["options"].splitlines(),
            "rows": data["rows"].splitlines(),
            "minimum": minimum,
            "maximum": maximum,
            "condition_question": condition_question,
            "condition_values": condition_values,
        }


class ResultsFilterForm(forms.Form):
    upz = forms.TypedChoiceField(label=_("UPZ"), required=False, coerce=int, empty_value=None)
    age_range = forms.ChoiceField(label=_("Age range"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["upz"].choices = everyone + upz_choices()
        self.fields["age_range"].choices = everyone + list(AgeRange.choices)
        self.fields["gender"].choices = everyone + list(Gender.choices)


class CrosstabForm(forms.Form):
    first = forms.TypedChoiceField(label=_("Rows"), coerce=int)
    second = forms.TypedChoiceField(label=_("Columns"), coerce=int)

    def __init__(self, *args, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(q.pk, q.text[:80]) for q in questions]
        self.fields["first"].choices = choices
        self.fields["second"].choices = choices
