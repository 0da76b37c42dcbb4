from django.contrib import admin

from .models import ApiToken, Export


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "created_at"]
    readonly_fields = ["key", "created_at"]
    raw_id_fields = ["user"]


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "folder"]
    readonly_fields = ["started_at", "finished_at", "folder", "row_counts"]
