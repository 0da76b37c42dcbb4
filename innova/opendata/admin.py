from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .models import ApiToken, Export


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "prefix", "created_at"]
    readonly_fields = ["prefix", "created_at"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.key:  # just issued: the only moment the key can be read
            messages.warning(
                request, _("API key: %(key)s — copy it now, it will not be shown again.") % {"key": obj.key}
            )


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "folder"]
    readonly_fields = ["started_at", "finished_at", "folder", "row_counts"]
