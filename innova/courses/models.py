import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from innova.core.files import private_storage
from innova.core.models import Searchable


class Course(Searchable):
    """Training (formación y capacitación) with sessions, attendance and a certificate for those who complete it."""

    slug = models.SlugField(unique=True)
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), max_length=6000)
    hours = models.PositiveSmallIntegerField(_("hours"))
    capacity = models.PositiveIntegerField(_("capacity"), default=0, help_text=_("0 means no limit."))
    enrolled_count = models.PositiveIntegerField(default=0)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("instructors"), blank=True, related_name="courses_taught"
    )
    prerequisites = models.ManyToManyField(
        "self", verbose_name=_("prerequisites"), symmetrical=False, blank=True, related_name="unlocks"
    )
    # Completion rule: at least this share of the sessions attended, plus the final activity if required.
    attendance_threshold = models.PositiveSmallIntegerField(_("minimum attendance (%)"), default=80)
    requires_final_activity = models.BooleanField(_("requires a final activity"), default=True)
    final_activity = models.CharField(_("final activity"), max_length=300, blank=True)
    enrollment_open = models.BooleanField(_("enrollment open"), default=True)
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:detail", args=[self.slug])

    @property
    def seats_left(self) -> int | None:
        return None if not self.capacity else max(self.capacity - self.enrolled_count, 0)


class Session(models.Model):
    """One class of a course, grouped by module; it may be an agenda event (place, time, registration)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    module = models.CharField(_("module"), max_length=120)
    title = models.CharField(_("title"), max_length=160)
    order = models.PositiveSmallIntegerField(default=0)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    event = models.ForeignKey(
        "agenda.Event", verbose_name=_("agenda event"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=160)
    # Private storage: the file is served by ``courses.views.material_file``, only while the course's page may be seen.
    file = models.FileField(_("file"), upload_to="courses/materials/", storage=private_storage, blank=True)
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        if self.file:
            return reverse("courses:material_file", args=[self.course.slug, self.pk])
        return self.url


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    final_activity_done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="enrollment_once_per_course")]

    def __str__(self) -> str:
        return f"{self.user} · {self.course}"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendances")
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "enrollment"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.enrollment} · {self.session}"


def certificate_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and typed
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


class Certificate(models.Model):
    """Issued when the completion rule is met; anyone can verify it at /certificados/<code>/.

    A public record of the lab: it keeps its own copy of what was printed (holder's name, course, hours, date), so it
    still verifies after the holder deletes their account (the enrollment goes, ``enrollment`` becomes null)."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="certificate"
    )
    code = models.CharField(max_length=20, unique=True, default=certificate_code)
    holder_name = models.CharField(max_length=160)
    course_title = models.CharField(max_length=160)
    hours = models.PositiveSmallIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("certificate_verify", args=[self.code])
