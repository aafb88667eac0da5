from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts import permissions
from accounts.models import User
from lib.admin import DecidedByPermissionsAdmin


@admin.register(User)
class UserAdmin(DecidedByPermissionsAdmin, BaseUserAdmin):
    """Users and roles are the administrators' (systemadministratör) business."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (
            "Roller i Samverkan",
            {"fields": ("person", "is_coordinator", "registrar_for", "is_archivist")},
        ),
    )
    list_display = (
        "username",
        "first_name",
        "last_name",
        "is_coordinator",
        "registrar_for",
        "is_archivist",
    )
    autocomplete_fields = ("person",)

    may_view = staticmethod(permissions.can_manage_users)
    may_change = staticmethod(permissions.can_manage_users)
