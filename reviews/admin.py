from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin
from reviews.models import Review


@admin.register(Review)
class ReviewAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    """Read-only: reviews are recorded through the service (it may version the mandate)."""

    may_view = staticmethod(permissions.can_record_reviews)
    list_display = ["group", "kind", "held_on"]
    list_filter = ["kind", "group"]
