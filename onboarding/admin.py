from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin
from onboarding.models import NewMember


@admin.register(NewMember)
class NewMemberAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    """Read-only: the checklist is worked through its own pages."""

    may_view = staticmethod(permissions.can_onboard)
    list_display = ["last_name", "first_name", "group", "reported_at"]
