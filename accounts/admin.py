from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts import permissions
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """Users and roles are the administrators' (systemadministratör) business."""

    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Roller i Samverkan", {"fields": ("person", "is_coordinator", "registrar_for")}),
    )
    list_display = ("username", "first_name", "last_name", "is_coordinator", "registrar_for")
    autocomplete_fields = ("person",)

    def has_module_permission(self, request):
        return permissions.can_manage_users(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_users(request.user)

    def has_add_permission(self, request):
        return permissions.can_manage_users(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_users(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.can_manage_users(request.user)
