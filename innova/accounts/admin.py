from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from innova.core.services import person_shown_changed

from .models import Consent, PolicyVersion, RoleClaim, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Perfil", {"fields": ["display_name", "first_name", "last_name", "role", "entity", "position"]}),
        ("Permisos", {"fields": ["is_active", "is_staff"]}),  # no superusers: see docs/SECURITY.md
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"display_name", "first_name", "last_name", "role"} & set(form.changed_data):
            person_shown_changed(user=obj)


@admin.register(RoleClaim)
class RoleClaimAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "entity", "status", "created_at"]
    list_filter = ["status", "role"]
    readonly_fields = ["decided_by", "decided_at"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "published_at"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "policy_version", "given_at", "withdrawn_at"]
    readonly_fields = ["user", "kind", "policy_version", "given_at", "withdrawn_at"]
