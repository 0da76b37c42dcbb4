"""Who may see a survey, and who is answering it."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.crypto import constant_time_compare, salted_hmac

from innova.core.browser_identity import BrowserIdentity

from ..models import Access, Survey

# An anonymous respondent is this browser: the same cookie name and salt as ever, so people keep their answers.
RESPONDENT = BrowserIdentity(cookie="innova_encuesta", salt="surveys")


def respondent_key(request) -> str:
    """A keyed hash of the person (logged in) or of this browser's signed cookie (anonymous, made on the first
    visit: ``RESPONDENT.remember`` writes it into the response)."""
    if request.user.is_authenticated:
        value = f"user:{request.user.pk}"
    else:
        value = f"browser:{RESPONDENT.key(request, create=True)}"
    return salted_hmac("surveys.respondent", value, algorithm="sha256").hexdigest()


def survey_for(request, slug: str) -> Survey:
    """The survey if this person may see it; link-only surveys need their secret key once per session."""
    survey = get_object_or_404(Survey, slug=slug)
    user = request.user
    if user.has_perm("surveys.manage_survey"):
        return survey
    if not survey.published:
        raise Http404
    if survey.access == Access.LINK:
        session_key = f"surveys_link_{survey.pk}"
        token = request.GET.get("clave", "")
        if token and constant_time_compare(token, survey.link_token):
            request.session[session_key] = True
        elif not request.session.get(session_key):
            raise Http404
    return survey
