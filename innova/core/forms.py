from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail"), help_text=_("We will answer to this address."))
    subject = forms.CharField(label=_("Subject"), max_length=160)
    message = forms.CharField(label=_("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 6}))
    accept_policy = forms.BooleanField(
        label=_("I accept that the lab uses these data only to answer me, as the personal-data policy says."),
        error_messages={"required": _("To write to us you need to accept the personal-data policy.")},
    )
