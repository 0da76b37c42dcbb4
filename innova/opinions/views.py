from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.browser_identity import BrowserIdentity
from innova.core.permissions import require_perm
from innova.core.ratelimit import RateLimited
from innova.core.service_results import service_into_form
from innova.core.views import form_rate_limited
from innova.debates.models import Debate

from . import polis, selectors, services
from .forms import ImportForm, StatementForm, VoteForm
from .models import Statement, StatementStatus, VoteValue

#: Binds an anonymous participant to a browser (pseudonymous: a random key, no personal data).
PARTICIPANT = BrowserIdentity(cookie="innova_opinion", salt="innova.opinions.participant")


def _debate(request, pk: int) -> Debate:
    debate = get_object_or_404(Debate, pk=pk)
    if not request.user.has_perm("opinions.view_map", debate):
        raise Http404
    return debate


def _participant(request, debate, *, create: bool = False):
    key = PARTICIPANT.key(request, create=create)
    if create:
        return services.participant_get_or_create(debate=debate, user=request.user, anonymous_key=key)
    return services.participant_find(debate=debate, user=request.user, anonymous_key=key)


def _refuse(request, debate):
    """None if the person may take part; otherwise the answer: log in, or the reason."""
    if debate.is_open and request.user.has_perm("opinions.participate", debate):
        return None
    if not request.user.is_authenticated and debate.is_open:
        return redirect_to_login(request.get_full_path())
    return render(request, "opinions/closed.html", {"debate": debate})


def index(request):
    return render(request, "opinions/index.html", {"debates": selectors.debates_with_map()})


def map_view(request, pk: int):
    debate = _debate(request, pk)
    participant = _participant(request, debate)
    context = {
        "debate": debate,
        "map": selectors.opinion_map(debate=debate, participant=participant),
        "participant": participant,
        "voted": selectors.vote_progress(debate=debate, participant=participant)[0] if participant else 0,
    }
    return render(request, "opinions/map.html", context)


def _card_context(request, debate, participant, form=None):
    voted, total = selectors.vote_progress(debate=debate, participant=participant)
    return {
        "debate": debate,
        "statement": selectors.statement_next(debate=debate, participant=participant),
        "voted": voted,
        "total": total,
        "form": form,
        "choices": [(VoteValue.AGREE, "agree"), (VoteValue.DISAGREE, "disagree"), (VoteValue.PASS, "pass")],
    }


def vote(request, pk: int):
    """The card view: one statement at a time. POST records a vote (htmx swaps in the next card)."""
    debate = _debate(request, pk)
    refusal = _refuse(request, debate)
    if refusal is not None:
        return refusal
    if request.method != "POST":
        participant = _participant(request, debate)
        return render(request, "opinions/vote.html", _card_context(request, debate, participant))
    form = VoteForm(request.POST)
    if form.is_valid():
        statement = Statement.objects.filter(
            pk=form.cleaned_data["statement"], debate=debate, status=StatementStatus.APPROVED, hidden_at__isnull=True
        ).first()
        if statement is None:
            form.add_error(None, _("This statement cannot be voted on."))
        else:
            service_into_form(
                form,
                lambda: services.vote_cast(
                    user=request.user,
                    participant=_participant(request, debate, create=True),
                    statement=statement,
                    value=form.cleaned_data["value"],
                ),
            )
    participant = _participant(request, debate)
    if form.errors:
        context = _card_context(request, debate, participant, form)
        template = "opinions/_card.html" if request.htmx else "opinions/vote.html"
        return PARTICIPANT.remember(request, render(request, template, context, status=400))
    if request.POST.get("next") == "my_votes":
        messages.success(request, _("Your vote was changed."))
        return PARTICIPANT.remember(request, redirect("opinions:my_votes", pk=debate.pk))
    if request.htmx:
        return PARTICIPANT.remember(
            request, render(request, "opinions/_card.html", _card_context(request, debate, participant))
        )
    return PARTICIPANT.remember(request, redirect("opinions:vote", pk=debate.pk))


def my_votes(request, pk: int):
    debate = _debate(request, pk)
    refusal = _refuse(request, debate)
    if refusal is not None:
        return refusal
    participant = _participant(request, debate)
    return render(
        request,
        "opinions/my_votes.html",
        {"debate": debate, "votes": selectors.votes_of(participant=participant), "choices": VoteValue.choices},
    )


def propose(request, pk: int):
    debate = _debate(request, pk)
    refusal = _refuse(request, debate)
    if refusal is not None:
        return refusal
    form = StatementForm(request.POST) if request.method == "POST" else StatementForm()
    if request.method == "POST" and form.is_valid():
        try:
            statement = service_into_form(
                form,
                lambda: services.statement_submit(
                    user=request.user,
                    debate=debate,
                    text=form.cleaned_data["text"],
                    participant=_participant(request, debate, create=True),
                ),
                field="text",
            )
        except RateLimited as refused:
            context = {"debate": debate, "form": form}
            return PARTICIPANT.remember(request, form_rate_limited(request, refused, "opinions/propose.html", context))
        if statement is not None:
            if statement.status == StatementStatus.APPROVED:
                messages.success(request, _("The statement was added; participants can vote on it now."))
            else:
                messages.success(request, _("Thank you. Your statement will be shown once a facilitator reviews it."))
            return PARTICIPANT.remember(request, redirect("opinions:vote", pk=debate.pk))
    return PARTICIPANT.remember(request, render(request, "opinions/propose.html", {"debate": debate, "form": form}))


def moderate(request, pk: int):
    debate = _debate(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_perm(request.user, "opinions.moderate_statement", debate)
    if request.method == "POST":
        statement = get_object_or_404(Statement, pk=request.POST.get("statement") or 0, debate=debate)
        decision = request.POST.get("decision")
        if decision not in ("approve", "reject"):
            raise PermissionDenied
        services.statement_moderate(actor=request.user, statement=statement, approve=decision == "approve")
        if decision == "approve":
            messages.success(request, _("Statement approved: participants can vote on it now."))
        else:
            messages.success(request, _("Statement rejected: it will not be shown."))
        return redirect("opinions:moderate", pk=debate.pk)
    return render(
        request, "opinions/moderate.html", {"debate": debate, "pending": selectors.statements_pending(debate=debate)}
    )


def export(request, pk: int):
    debate = _debate(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_perm(request.user, "opinions.export_polis", debate)
    response = HttpResponse(polis.export_zip(debate=debate), content_type="application/zip")
    name = slugify(debate.title)[:50] or "debate"
    response["Content-Disposition"] = f'attachment; filename="mapa-de-opinion-{debate.pk}-{name}.zip"'
    return response


def import_polis(request, pk: int):
    debate = _debate(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require_perm(request.user, "opinions.import_polis", debate)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        counts = service_into_form(form, lambda: _polis_import(request.user, debate, form.cleaned_data))
        if counts is not None:
            messages.success(
                request,
                _("Imported %(statements)s statements, %(participants)s participants and %(votes)s votes.") % counts,
            )
            return redirect("opinions:map", pk=debate.pk)
    return render(request, "opinions/import.html", {"debate": debate, "form": form})


def _polis_import(actor, debate, data) -> dict:
    """Read the upload (a Pol.is zip, or its two CSV files) and import it; an unreadable file is refused."""
    if data.get("archive"):
        comments_text, votes_text = polis.read_zip(data["archive"])
    else:
        comments_text, votes_text = polis.read_files(data["comments"], data["votes"])
    return services.opinion_import_polis(actor=actor, debate=debate, comments_text=comments_text, votes_text=votes_text)


@require_POST
def recompute(request, pk: int):
    """Facilitators can ask for the map now (it is queued like after votes, never computed in the request)."""
    debate = _debate(request, pk)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("opinions:map", kwargs={"pk": pk}))
    require_perm(request.user, "opinions.moderate_statement", debate)
    services.opinion_map_schedule(debate_id=debate.pk)
    messages.info(request, _("The map will be updated in a moment."))
    return redirect("opinions:map", pk=debate.pk)
