from django.contrib import admin

from .models import Debate


@admin.register(Debate)
class DebateAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "has_opinion_map", "created_at"]
    list_filter = ["status", "has_opinion_map"]
    search_fields = ["title"]
