from django.contrib import admin
from django.db import models

from innova.core.admin import SearchIndexedAdmin
from innova.core.files import PrivateFileInput

from .models import Certificate, Course, Material, Session
from .services import course_search_update


class SessionInline(admin.TabularInline):
    model = Session
    extra = 1
    raw_id_fields = ("event",)


class MaterialInline(admin.TabularInline):
    model = Material
    extra = 1
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}  # no public address: link to the view


@admin.register(Course)
class CourseAdmin(SearchIndexedAdmin):
    search_update = staticmethod(course_search_update)
    list_display = ("title", "hours", "capacity", "enrolled_count", "published")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("instructors", "prerequisites")
    inlines = [SessionInline, MaterialInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("code", "holder_name", "course_title", "issued_at", "revoked_at")
    search_fields = ("code", "holder_name")
    readonly_fields = ("enrollment", "code", "issued_at")
