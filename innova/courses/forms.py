from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from innova.core.roles import Role

from .models import Course, Material, Session

MATERIAL_MAX_BYTES = 20 * 1024 * 1024
MATERIAL_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "jpg", "jpeg", "png", "txt", "zip"]
# Who can be named instructor: people the lab works with (residents who teach can be given a role first).
INSTRUCTOR_ROLES = (Role.FACILITATOR, Role.OFFICIAL, Role.CONTRACTOR, Role.ADMINISTRATOR)


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "summary",
            "description",
            "hours",
            "capacity",
            "instructors",
            "prerequisites",
            "attendance_threshold",
            "requires_final_activity",
            "final_activity",
            "enrollment_open",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "instructors": forms.CheckboxSelectMultiple,
            "prerequisites": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = get_user_model().objects.filter(is_active=True, role__in=INSTRUCTOR_ROLES)
        self.fields["instructors"].queryset = people.order_by("display_name")
        self.fields["instructors"].required = False
        self.fields["instructors"].help_text = _("They take attendance and keep sessions and materials up to date.")
        others = Course.objects.exclude(pk=self.instance.pk) if self.instance.pk else Course.objects.all()
        self.fields["prerequisites"].queryset = others.order_by("title")
        self.fields["prerequisites"].required = False
        self.fields["attendance_threshold"].widget.attrs.update(min=1, max=100)

    def clean_attendance_threshold(self):
        value = self.cleaned_data["attendance_threshold"]
        if not 1 <= value <= 100:
            raise forms.ValidationError(_("Write a percentage between 1 and 100."))
        return value


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["module", "title", "order", "starts_at"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        labels = {"order": _("position")}
        help_texts = {"order": _("Sessions are listed by this number within the course.")}


class MaterialForm(forms.ModelForm):
    file = forms.FileField(label=_("file"), required=False, validators=[FileExtensionValidator(MATERIAL_EXTENSIONS)])
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Material
        fields = ["title", "file", "url"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(MATERIAL_MAX_BYTES)
        self.fields["file"].help_text = _("PDF, office documents, images or ZIP, up to %(size)s.") % {"size": limit}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MATERIAL_MAX_BYTES:
            raise forms.ValidationError(
                _("The file weighs %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(MATERIAL_MAX_BYTES)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Upload a file or give a link (one of the two)."))
        return cleaned
