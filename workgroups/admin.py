from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin
from workgroups.models import Extension, WorkingGroup


class ExtensionInline(DecidedByPermissionsAdmin, admin.TabularInline):
    model = Extension
    extra = 0
    may_view = staticmethod(permissions.can_manage_working_groups)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    """Read-only: set-up, extension, delivery and closing go through the services."""

    may_view = staticmethod(permissions.can_manage_working_groups)
    list_display = ["name", "set_up_by", "convener", "due_on", "reports_to", "status"]
    list_filter = ["status", "set_up_by"]
    search_fields = ["name", "assignment"]
    inlines = [ExtensionInline]
