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
