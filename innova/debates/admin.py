from django.contrib import admin

from innova.core.admin import SearchIndexedAdmin

from . import services
from .models import Debate


@admin.register(Debate)
class DebateAdmin(SearchIndexedAdmin):
    search_update = staticmethod(services.debate_search_update)
    list_display = ["title", "status", "has_opinion_map", "created_at"]
    list_filter = ["status", "has_opinion_map"]
    search_fields = ["title"]
