from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import RoleClaim, User
from .services import consent_record


class SignupForm(AllauthSignupForm):
    """allauth's sign-up plus a public name and consent to the personal-data policy."""

    # Validation messages come from the server, in Spanish, for every browser alike.
    use_required_attribute = False

    display_name = forms.CharField(
        label=_("Public name"), max_length=80, help_text=_("How other people will see you. It can be a nickname.")
    )
    accept_policy = forms.BooleanField(
        label=_("I have read and accept the personal-data policy (Ley 1581 de 2012)."),
        help_text=format_lazy(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse_lazy("core:data_policy"),
            _("Read the personal-data policy"),
        ),
        error_messages={"required": _("To create an account you need to accept the personal-data policy.")},
    )

    field_order = ["display_name", "email", "password1", "password2", "accept_policy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A refused form keeps the name and e-mail, never the passwords: a password written back into the HTML
        # ends up in the browser's cache and history (issue #18.16).
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].widget.render_value = False
        self.order_fields(self.field_order)

    def save(self, request):

        user = super().save(request)
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
        consent_record(user=user)
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name"]


class SensitiveProfileForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I authorise the lab to keep these optional data, only to produce anonymous statistics. "
            "I can withdraw this authorisation at any moment, and then they are erased."
        ),
        required=False,
    )

    class Meta:
        model = User
        fields = ["upz", "age_range", "gender", "ethnicity", "disability"]
        widgets = {"disability": forms.NullBooleanSelect}

    def clean(self):
        cleaned = super().clean()
        given = any(cleaned.get(f) not in (None, "") for f in self.Meta.fields)
        if given and not cleaned.get("consent"):
            raise forms.ValidationError(
                _("To keep these optional data, tick the authorisation box. Without it we keep none of them.")
            )
        return cleaned


class RoleClaimForm(forms.ModelForm):
    class Meta:
        model = RoleClaim
        fields = ["role", "entity", "position"]


class RoleClaimRejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the rejection"), widget=forms.Textarea(attrs={"rows": 3}))


class ConsentForm(forms.Form):
    accept_policy = forms.BooleanField(
        label=_("I have read and accept this version of the personal-data policy."),
        error_messages={"required": _("To continue you need to accept the personal-data policy.")},
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type ELIMINAR to confirm"),
        help_text=_("Your personal data will be erased. What you published stays, shown as “Deleted account”."),
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().upper()
        if value not in {"ELIMINAR", "DELETE"}:
            raise forms.ValidationError(_("Type the word ELIMINAR to confirm."))
        return value
