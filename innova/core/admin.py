from collections.abc import Callable

from django.contrib import admin

from .models import AuditEntry, ContactMessage


class SearchIndexedAdmin(admin.ModelAdmin):
    """An admin whose saves refresh the row's search columns, as the texts may have been corrected here.

    ``search_update`` is the domain's service, called with the row as its model's name: ``event=row``."""

    search_update: Callable[..., None]  # staticmethod(the service)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.search_update(**{self.model._meta.model_name: obj})


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read-only: staff actions are recorded by the services, never edited."""

    list_display = ["created_at", "actor", "action", "target_label", "reason"]
    list_filter = ["action"]
    search_fields = ["target_label", "reason", "actor__email"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "name", "email", "subject"]
    readonly_fields = ["created_at"]
