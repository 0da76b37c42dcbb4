import mimetypes
import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innova.core.files import private_file_response
from innova.core.permissions import require_perm
from innova.core.service_results import service_into_form, service_with_message

from . import selectors, services
from .forms import CourseForm, MaterialForm, RevokeForm, SessionForm
from .models import Certificate, Course, Enrollment, Material, Session
from .pdf import certificate_pdf


def index(request):
    context = {"courses": selectors.course_list(), "can_add": request.user.has_perm("courses.add_course")}
    if context["can_add"]:
        context["drafts"] = Course.objects.filter(published=False).order_by("-created_at")
    return render(request, "courses/index.html", context)


def detail(request, slug: str):
    user = request.user
    course = get_object_or_404(Course.objects.prefetch_related("instructors", "materials"), slug=slug)
    if not selectors.course_readable(course, user=user):
        raise Http404
    can_edit = user.has_perm("courses.change_course", course)

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
        "can_edit": can_edit,
        "can_publish": user.has_perm("courses.publish_course", course),
    }
    return render(request, "courses/detail.html", context)


@require_POST
def enroll(request, slug: str):
    course = get_object_or_404(selectors.course_visible(), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(course.get_absolute_url())
    service_with_message(
        request,
        lambda: services.course_enroll(user=request.user, course=course),
        _("You are enrolled. See you at the first session."),
    )
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
    reason = request.POST.get("reason", "")
    service_with_message(
        request,
        lambda: services.certificate_revoke(actor=request.user, certificate=certificate, reason=reason),
        _("The certificate was revoked."),
    )
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


def _course_for_editing(request, slug: str) -> Course:
    course = get_object_or_404(Course, slug=slug)
    require_perm(request.user, "courses.change_course", course)
    return course


@login_required
def create(request):
    require_perm(request.user, "courses.add_course")
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        course = service_into_form(form, lambda: services.course_create(actor=request.user, **form.cleaned_data))
        if course is not None:
            messages.success(request, _("The course was saved as a draft. Add its sessions, then publish it."))
            return redirect("courses:sessions", slug=course.slug)
    return render(request, "courses/form.html", {"form": form, "course": None})


@login_required
def edit(request, slug: str):
    course = _course_for_editing(request, slug)
    form = CourseForm(request.POST or None, instance=Course.objects.get(pk=course.pk))
    if request.method == "POST" and form.is_valid():
        saved = service_into_form(
            form, lambda: services.course_update(actor=request.user, course=course, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The course was saved."))
            return redirect(saved)
    return render(request, "courses/form.html", {"form": form, "course": course})


@login_required
@require_POST
def publish(request, slug: str):
    course = get_object_or_404(Course, slug=slug)
    published = request.POST.get("published") == "1"
    service_with_message(
        request,
        lambda: services.course_publish(actor=request.user, course=course, published=published),
        _("The course is published.") if published else _("The course is hidden again."),
    )
    return redirect(course)


@login_required
def sessions(request, slug: str):
    """The course's sessions, and a form to add one (or to change the one named by ?sesion=)."""
    course = _course_for_editing(request, slug)
    session = None
    if request.GET.get("sesion", "").isdigit():
        session = get_object_or_404(Session, pk=int(request.GET["sesion"]), course=course)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        saved = service_into_form(
            form,
            lambda: services.session_save(actor=request.user, course=course, session=session, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, _("The session was saved."))
            return redirect("courses:sessions", slug=course.slug)
    context = {"course": course, "form": form, "session": session, "session_list": course.sessions.all()}
    return render(request, "courses/sessions.html", context)


@login_required
@require_POST
def session_delete(request, slug: str, pk: int):
    course = _course_for_editing(request, slug)
    session = get_object_or_404(Session, pk=pk, course=course)
    service_with_message(
        request, lambda: services.session_delete(actor=request.user, session=session), _("The session was removed.")
    )
    return redirect("courses:sessions", slug=course.slug)


@login_required
def materials(request, slug: str):
    course = _course_for_editing(request, slug)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = service_into_form(
            form,
            lambda: services.material_add(
                actor=request.user, course=course, title=data["title"], file=data.get("file"), url=data.get("url", "")
            ),
        )
        if saved is not None:
            messages.success(request, _("The material was added."))
            return redirect("courses:materials", slug=course.slug)
    return render(
        request, "courses/materials.html", {"course": course, "form": form, "material_list": course.materials.all()}
    )


@login_required
@require_POST
def material_delete(request, slug: str, pk: int):
    course = _course_for_editing(request, slug)
    material = get_object_or_404(Material, pk=pk, course=course)
    services.material_delete(actor=request.user, material=material)
    messages.success(request, _("The material was removed."))
    return redirect("courses:materials", slug=course.slug)


def material_file(request, slug: str, pk: int):
    """A material's uploaded file, only while the course's page may be seen: a draft's files answer 404."""
    material = get_object_or_404(Material.objects.select_related("course"), pk=pk, course__slug=slug)
    if not selectors.course_readable(material.course, user=request.user):
        raise Http404
    return private_file_response(
        material.file,
        content_type=mimetypes.guess_type(material.file.name)[0] or "application/octet-stream",
        download_name=posixpath.basename(material.file.name),
    )
