from django.contrib import admin

from .models import EmailDelivery


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    """Operators look here when someone says an e-mail never arrived: status, attempts and the last SMTP error."""

    list_display = ["key", "frequency", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "frequency"]
    search_fields = ["key"]
    readonly_fields = [f.name for f in EmailDelivery._meta.fields]
