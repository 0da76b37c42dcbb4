from django.contrib import admin

from . import services
from .models import Debate


@admin.register(Debate)
class DebateAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "has_opinion_map", "created_at"]
    list_filter = ["status", "has_opinion_map"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.debate_search_update(debate=obj)  # the question may have been corrected here
