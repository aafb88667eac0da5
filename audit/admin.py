from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail can be read, never changed."""

    list_display = ("at", "kind", "username", "ip_address", "action", "target", "route")
    list_filter = ("kind",)
    search_fields = ("username", "action", "target", "route")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """Administrators lift a lockout by deleting its row. django-axes' "clean up expired" action
    needs request attributes only its own middleware sets, and breaks from the admin."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("cleanup_expired_attempts", None)
        return actions
