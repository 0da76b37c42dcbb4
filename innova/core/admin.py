from django.contrib import admin

from .models import AuditEntry, ContactMessage


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
