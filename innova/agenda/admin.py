from django.contrib import admin

from innova.core.admin import SearchIndexedAdmin

from .models import Event, Question, Registration
from .services import event_search_update


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1


@admin.register(Event)
class EventAdmin(SearchIndexedAdmin):
    search_update = staticmethod(event_search_update)
    list_display = ("title", "kind", "starts_at", "capacity", "registered_count")
    list_filter = ("kind", "audience")
    search_fields = ("title",)
    inlines = [QuestionInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("code", "event", "status", "checked_in_at", "walk_in")
    list_filter = ("status", "walk_in")
    raw_id_fields = ("event", "user", "checked_in_by")
