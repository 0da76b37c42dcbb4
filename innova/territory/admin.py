from django.contrib import admin

from .models import Upz


@admin.register(Upz)
class UpzAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "centroid_lat", "centroid_lon"]
