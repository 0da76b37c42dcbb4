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


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "You can mention someone with @ and their public name. Simple Markdown works: **bold**, lists, links."
        ),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the reason.")},
    )
