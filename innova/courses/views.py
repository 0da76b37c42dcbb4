from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.permissions import require_perm

from . import selectors, services
from .forms import RevokeForm
from .models import Certificate, Course, Enrollment
from .pdf import certificate_pdf


def index(request):
    return render(request, "courses/index.html", {"courses": selectors.course_list()})


def detail(request, slug: str):
    course = get_object_or_404(selectors.course_visible().prefetch_related("instructors", "materials"), slug=slug)
    user = request.user
    enrollment = Enrollment.objects.filter(course=course, user=user).first() if user.is_authenticated else None
    sessions = list(course.sessions.select_related("event"))
    modules: dict[str, list] = {}
    for session in sessions:
        modules.setdefault(session.module, []).append(session)
    context = {
        "course": course,
        "modules": modules.items(),
        "enrollment": enrollment,
        "progress": selectors.enrollment_progress(enrollment) if enrollment else None,
        "certificate": Certificate.objects.filter(enrollment=enrollment).first() if enrollment else None,
        "can_teach": user.has_perm("courses.teach_course", course),
        "prerequisites": course.prerequisites.all(),
    }
    return render(request, "courses/detail.html", context)


@require_POST
def enroll(request, slug: str):
    course = get_object_or_404(selectors.course_visible(), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(course.get_absolute_url())
    try:
        services.course_enroll(user=request.user, course=course)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("You are enrolled. See you at the first session."))
    return redirect(course)


@login_required
def mine(request):
    return render(request, "courses/mine.html", {"enrollments": selectors.enrollments_of(request.user)})


@login_required
def manage(request, slug: str):
    course = get_object_or_404(Course, slug=slug)
    require_perm(request.user, "courses.teach_course", course)
    sessions, rows = selectors.roster(course)
    if request.method == "POST":
        issued = 0
        for row in rows:
            enrollment = row["enrollment"]
            for session, was_present in row["cells"]:
                present = request.POST.get(f"a-{enrollment.pk}-{session.pk}") == "on"
                if present != was_present:
                    services.attendance_set(actor=request.user, session=session, enrollment=enrollment, present=present)
            done = request.POST.get(f"final-{enrollment.pk}") == "on"
            if done != (enrollment.final_activity_done_at is not None):
                services.final_activity_set(actor=request.user, enrollment=enrollment, done=done)
            if row["certificate"] is None and Certificate.objects.filter(enrollment=enrollment).exists():
                issued += 1
        message = _("Attendance saved.")
        if issued:
            message += " " + _("Certificates issued: %(n)s.") % {"n": issued}
        messages.success(request, message)
        return redirect("courses:manage", slug=course.slug)
    return render(request, "courses/manage.html", {"course": course, "sessions": sessions, "rows": rows})


@login_required
def certificate_download(request, code: str):
    certificate = get_object_or_404(Certificate.objects.select_related("enrollment"), code=code)
    require_perm(request.user, "courses.view_certificate_pdf", certificate)
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificado-{certificate.code}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request, code: str):
    certificate = get_object_or_404(Certificate, code=code)
    require_perm(request.user, "courses.revoke_certificate", certificate)
    try:
        services.certificate_revoke(actor=request.user, certificate=certificate, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The certificate was revoked."))
    return redirect("certificate_verify", code=certificate.code)


def certificate_verify(request, code: str):
    """Public: anyone holding a certificate's code (or its QR) can check it. Unknown codes answer 404."""
    certificate = Certificate.objects.filter(code=code.strip().upper()).first()
    status = "invalid" if certificate is None else ("revoked" if certificate.revoked_at else "valid")
    may_revoke = certificate is not None and request.user.has_perm("courses.revoke_certificate")
    return render(
        request,
        "courses/verify.html",
        {
            "certificate": certificate,
            "status": status,
            "code": code,
            "revoke_form": RevokeForm() if may_revoke else None,
        },
        status=404 if certificate is None else 200,
    )
