from django import forms
from django.utils.translation import gettext_lazy as _

from innova.core.form_fields import text_area
from innova.territory.models import Upz

from .models import Problem, Status, Theme
from .selectors import DEFAULT_SORT, SORTS, ProblemFilters


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the photo pipeline in the service."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


def theme_field() -> forms.ModelChoiceField:
    """The required choice of one of the active themes (a problem's, a work front's)."""
    return forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.filter(active=True),
        empty_label=_("Choose a theme"),
        error_messages={"required": _("Choose the theme that fits best.")},
    )


class ProblemForm(forms.Form):
    title = forms.CharField(
        label=_("What is the problem?"),
        max_length=140,
        help_text=_("In a few words, e.g. “Hueco grande en la vía a Usme Pueblo”."),
        error_messages={"required": _("Write a short title for the problem.")},
    )
    description = text_area(
        _("Tell us more"),
        max_length=4000,
        rows=5,
        empty_message=_("Describe the problem so others can understand it."),
        help_text=_("Where exactly, since when, whom it affects."),
    )
    theme = theme_field()
    upz = forms.ModelChoiceField(
        label=_("UPZ or rural zone"),
        queryset=Upz.objects.defer("boundary"),
        required=False,
        empty_label=_("Choose where"),
        help_text=_("Choose it and the map below shows it; if you mark a point on the map we find the UPZ for you."),
    )
    place_description = forms.CharField(
        label=_("Barrio or address"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Barrio Santa Librada” or “Calle 91 Sur # 14-23”. Only the staff who must go there see it."),
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, widget=forms.HiddenInput)
    longitude = forms.FloatField(label=_("Longitude"), required=False, widget=forms.HiddenInput)
    photos = MultipleFileField(
        label=_("Photos (up to 4)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, up to 8 MB each. We remove the location hidden inside photos."),
    )
    photo_alt = forms.CharField(
        label=_("What do the photos show?"),
        max_length=200,
        required=False,
        help_text=_("A short description for people who cannot see them."),
    )
    client_key = forms.UUIDField(required=False, widget=forms.HiddenInput)
    anonymous = forms.BooleanField(
        label=_("Publish as “Vecino/a de Usme” (your name is not shown; moderators can see it)"), required=False
    )

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        if len(files) > 4:
            raise forms.ValidationError(_("You can attach up to 4 photos."))
        return files

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photos") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Describe the photos in a few words, for people who cannot see them."))
        if not cleaned.get("upz") and cleaned.get("latitude") is None:
            self.add_error("upz", _("Choose the UPZ or rural zone, or mark a point on the map."))
        return cleaned

    def report_kwargs(self) -> dict:
        """The cleaned data as ``services.problem_report`` takes it (each photo with the photos' description)."""
        data = self.cleaned_data
        names = ("title", "description", "theme", "upz", "latitude", "longitude", "place_description", "anonymous")
        photos = [(upload, data["photo_alt"]) for upload in data["photos"]]
        return {**{name: data[name] for name in names}, "photos": photos, "client_key": data["client_key"]}


class ProblemApiForm(ProblemForm):
    """The report form as the API takes it: the theme by slug and the UPZ by code (the API's identifiers), or by the
    ids the web form holds, as ``theme_id`` and ``upz_id`` (what the offline queue sends). Same rules and messages."""

    theme_id = forms.ModelChoiceField(queryset=Theme.objects.filter(active=True), required=False)
    upz_id = forms.ModelChoiceField(queryset=Upz.objects.defer("boundary"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].to_field_name = "slug"
        self.fields["upz"].to_field_name = "code"
        self.fields["theme"].required = not self.data.get("theme_id")

    def clean(self):
        for name in ("theme", "upz"):
            if name not in self.errors:
                self.cleaned_data[name] = self.cleaned_data.get(name) or self.cleaned_data.get(f"{name}_id")
        return super().clean()


class ProblemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search words"), required=False, max_length=100)
    upz = forms.ModelChoiceField(
        label=_("UPZ"), queryset=Upz.objects.defer("boundary"), required=False, empty_label=_("All")
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.all(), required=False, empty_label=_("All"))
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All")), *Status.choices], required=False)
    answered = forms.ChoiceField(
        label=_("Official answer"),
        choices=[("", _("All")), ("si", _("Answered")), ("no", _("Not answered yet"))],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("apoyados", _("Most supported")),
            ("recientes", _("Newest")),
            ("comentados", _("Most discussed")),
            ("respondidos", _("Recently answered")),
        ],
        required=False,
    )

    def filters(self):

        data = self.cleaned_data if self.is_valid() else {}
        answered = {"si": True, "no": False}.get(data.get("answered") or "")
        sort = data.get("sort") or DEFAULT_SORT
        return ProblemFilters(
            upz=data["upz"].pk if data.get("upz") else None,
            theme=data["theme"].pk if data.get("theme") else None,
            status=data.get("status") or None,
            answered=answered,
            q=data.get("q") or "",
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = text_area(_("Reason (public)"), max_length=2000, rows=2, required=False)
    duplicate_of = forms.ModelChoiceField(
        label=_("Original problem (for duplicates)"),
        queryset=Problem.objects.filter(published_at__isnull=False),
        required=False,
        widget=forms.NumberInput,
        help_text=_("The number of the original problem."),
    )


class AnswerForm(forms.Form):
    body = text_area(
        _("Official answer (public)"),
        max_length=6000,
        rows=5,
        empty_message=_("Write the answer before publishing it."),
    )
