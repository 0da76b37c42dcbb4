from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.files import private_file_response
from innova.core.pagecache import domains_version, page_cached_for_visitors
from innova.core.permissions import require_perm
from innova.core.ratelimit import RateLimited
from innova.core.selectors import CachedCountPaginator
from innova.core.service_results import errors_into_form
from innova.core.views import form_action, form_rate_limited, pending_answer_pages, support_toggle
from innova.territory.selectors import map_config, public_point

from . import selectors, services
from .api import problem_report_endpoint
from .forms import AnswerForm, ProblemFilterForm, ProblemForm, StatusChangeForm
from .models import TRANSITIONS, Problem, ProblemPhoto, Status
from .trail import trail_domains, trail_for

DRAFT_KEY = "problem_report_draft"
DRAFT_FIELDS = (
    "title",
    "description",
    "theme",
    "upz",
    "place_description",
    "latitude",
    "longitude",
    "photo_alt",
    "anonymous",
)

# What a problem's public pages show: problems and themes, their comments, authors' public names, the UPZs.
PAGE_DOMAINS = ("problems", "comments", "accounts", "territory")


@page_cached_for_visitors(*PAGE_DOMAINS)
def index(request):
    form = ProblemFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.ProblemFilters()
    queryset = selectors.problem_list(filters=filters)
    page_versions = domains_version(*PAGE_DOMAINS)
    page = CachedCountPaginator(queryset, 20, versions=page_versions, of=filters).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "problems/index.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filters": filters,
            "page_versions": page_versions,
        },
    )


def map_view(request):
    form = ProblemFilterForm(request.GET or None)
    return render(
        request, "problems/map.html", {"form": form, "query": request.GET.urlencode(), "territory": map_config()}
    )


def map_points(request):
    form = ProblemFilterForm(request.GET or None)
    filters = form.filters() if request.GET else ProblemFilterForm().filters()
    return JsonResponse({"problems": selectors.problem_map_points(filters=filters, user=request.user)})


def similar(request):
    """htmx partial: problems like the one being typed."""
    problems = selectors.problem_similar(
        title=request.GET.get("title", "")[:200], description=request.GET.get("description", "")[:2000]
    )
    return render(request, "problems/_similar.html", {"similar": problems})


def report(request):
    if request.method == "POST" and request.headers.get("X-Innova-Offline-Queue") == "1":
        return _report_from_old_offline_queue(request)
    if request.method != "POST":
        return _report_page(request, ProblemForm(initial=_report_draft(request) or None))
    if not request.user.is_authenticated:
        return _report_draft_kept_for_login(request)
    form = ProblemForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report_page(request, form)
    try:
        problem = services.problem_report(author=request.user, publish=False, **form.report_kwargs())
    except RateLimited as refused:
        # Too many reports in an hour: the form comes back with everything typed and a Spanish message.
        return form_rate_limited(request, refused, "problems/report.html", {"form": form, "territory": map_config()})
    except ValidationError as error:
        errors_into_form(form, error)
        return _report_page(request, form)
    if selectors.problem_similar(title=problem.title, description=problem.description, exclude_pk=problem.pk):
        return redirect("problems:review", pk=problem.pk)
    services.problem_publish_draft(user=request.user, problem=problem)
    messages.success(request, _("Your problem was published. Thank you for reporting it."))
    return redirect(problem)


def _report_page(request, form):
    return render(request, "problems/report.html", {"form": form, "territory": map_config()})


def _report_draft(request) -> dict | None:
    """What was typed before logging in: kept until the logged-in author sees the form again."""
    if request.user.is_authenticated:
        return request.session.pop(DRAFT_KEY, None)
    return request.session.get(DRAFT_KEY)


def _report_draft_kept_for_login(request):
    # Keep what was typed across the log-in; files cannot be kept and must be attached again.
    request.session[DRAFT_KEY] = {field: request.POST.get(field, "") for field in DRAFT_FIELDS}
    messages.info(
        request, _("Log in or create an account to publish. What you wrote is kept; attach the photos again after.")
    )
    return redirect_to_login(reverse("problems:report"))


def _report_from_old_offline_queue(request):
    """For one release (docs/DECISIONS.md, 51): a tab still running the old offline script posts its queue here.

    It goes to the API's report endpoint, the queue's only way in now, with the web form's ids named as the API
    takes them; the old script reads the API's answers (201, 400, 401/403, 429) as it read this view's.
    """
    data = request.POST.copy()
    for name in ("theme", "upz"):
        data.setlist(f"{name}_id", data.pop(name, []))
    request.POST = data  # multipart, already read: DRF takes the form data from here
    return problem_report_endpoint(request)


@login_required
def review(request, pk: int):
    """Before publishing: is one of these similar problems yours? Support it instead of duplicating."""
    problem = get_object_or_404(Problem, pk=pk, published_at__isnull=True)
    require_perm(request.user, "problems.publish_draft", problem)
    similar = selectors.problem_similar(title=problem.title, description=problem.description, exclude_pk=problem.pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "publish":
            services.problem_publish_draft(user=request.user, problem=problem)
            messages.success(request, _("Your problem was published. Thank you for reporting it."))
            return redirect(problem)
        if action.startswith("support:"):
            other = get_object_or_404(selectors.problem_visible(), pk=int(action.split(":", 1)[1]))
            services.problem_support_set(user=request.user, problem=other, supported=True)
            services.problem_discard_draft(user=request.user, problem=problem)
            messages.success(request, _("You now support this problem. Your report was not published twice."))
            return redirect(other)
    return render(request, "problems/review.html", {"problem": problem, "similar": similar})


@page_cached_for_visitors(*PAGE_DOMAINS, trail_domains)
def detail(request, pk: int):
    user = request.user
    problem = selectors.problem_for_page(user=user, pk=pk)
    if problem is None:
        raise Http404
    # What the page shows the same for everyone is kept as fragments under these versions (core/fragments): the
    # querysets and functions below are read only when a fragment is rendered again, not on every request.
    context = {
        "problem": problem,
        "page_versions": domains_version(*PAGE_DOMAINS, trail_domains),
        "photos": problem.photos.all(),
        "history": problem.status_changes.select_related("actor"),
        "answers": problem.answers.select_related("author"),
        "supported": getattr(problem, "supported", False),
        "following": getattr(problem, "following", False),
        "territory": map_config,
        "point": public_point(user=user, lat=problem.latitude, lon=problem.longitude),
        "exact_place": user.has_perm("territory.view_exact_location"),
        "trail": partial(trail_for, problem),
    }
    if user.has_perm("problems.change_status", problem):
        allowed = TRANSITIONS.get(problem.status, ())
        form = StatusChangeForm()
        form.fields["to_status"].choices = [(s, Status(s).label) for s in allowed]
        context["status_form"] = form if allowed else None
        context["answer_form"] = AnswerForm()
    return render(request, "problems/detail.html", context)


def photo(request, pk: int, photo: int, thumbnail: bool = False):
    """A problem's photo, only while its page may be seen: hidden, deleted or draft problems answer 404."""
    item = get_object_or_404(
        ProblemPhoto, pk=photo, problem__in=selectors.problem_readable(user=request.user), problem_id=pk
    )
    return private_file_response(item.thumbnail if thumbnail else item.image, content_type="image/jpeg")


def _redirect_back(request, problem):
    return redirect(f"{problem.get_absolute_url()}{request.POST.get('anchor', '')}")


@require_POST
def support(request, pk: int):
    return support_toggle(
        request,
        get_object_or_404(selectors.problem_visible(), pk=pk),
        toggle=lambda user, target, supported: services.problem_support_set(
            user=user, problem=target, supported=supported
        ),
        partial="problems/_support.html",
        name="problem",
    )


@require_POST
def follow(request, pk: int):
    problem = get_object_or_404(selectors.problem_visible(), pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(problem.get_absolute_url())
    following = services.problem_follow_set(
        user=request.user, problem=problem, following=request.POST.get("following") == "1"
    )
    messages.success(request, _("You will be told about changes.") if following else _("You no longer follow it."))
    return redirect(problem)


@login_required
@require_POST
def change_status(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk, published_at__isnull=False)
    require_perm(request.user, "problems.change_status", problem)
    form_action(
        request,
        StatusChangeForm(request.POST),
        lambda data: services.problem_change_status(
            actor=request.user,
            problem=problem,
            to_status=data["to_status"],
            reason=data["reason"],
            duplicate_of=data["duplicate_of"],
        ),
        success=_("The status was changed."),
        invalid=_("Check the new status and the original problem number."),
    )
    return redirect(problem)


@login_required
@require_POST
def answer(request, pk: int):
    problem = get_object_or_404(Problem, pk=pk, published_at__isnull=False)
    require_perm(request.user, "problems.answer_problem", problem)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.problem_answer(actor=request.user, problem=problem, body=form.cleaned_data["body"])
        messages.success(request, _("The official answer was published."))
    else:
        messages.error(request, _("Write the answer before publishing it."))
    return redirect(f"{problem.get_absolute_url()}#respuesta")


@login_required
def pending(request):
    require_perm(request.user, "problems.view_pending")
    return render(request, "problems/pending.html", pending_answer_pages(request, selectors.problem_pending_answer()))
