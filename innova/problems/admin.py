from django.contrib import admin

from .models import OfficialAnswer, Problem, StatusChange, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    """Administrators edit the list of themes here."""

    list_display = ["name", "slug", "order", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ["pk", "title", "status", "upz", "theme", "support_count", "published_at", "hidden_at"]
    list_filter = ["status", "upz", "theme", "channel"]
    search_fields = ["title"]
    readonly_fields = ["support_count", "comment_count", "search_text", "search_stems"]
    raw_id_fields = ["author", "duplicate_of"]


admin.site.register(StatusChange)
admin.site.register(OfficialAnswer)
