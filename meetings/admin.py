"""Meetings in the admin are read-only: every change goes through `meetings.services`, so the
rules (deadlines, approval, locking of approved minutes) cannot be bypassed from here."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin
from meetings.models import Absence, Approval, Attendance, Meeting, Minutes


class ReadOnlyAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    may_view = staticmethod(permissions.is_coordinator)


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("starts_at", "group", "form", "kallelse_sent_at", "papers_sent_at", "manage")
    list_filter = ("group", "form", "cancelled")
    date_hierarchy = "starts_at"
    list_select_related = ("group",)

    @admin.display(description="Hantera")
    def manage(self, obj):
        return format_html(
            '<a href="{}">Hantera mötet</a>', reverse("meetings:meeting_manage", args=[obj.pk])
        )


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "version", "status", "approved_at")
    list_filter = ("status", "meeting__group")
    list_select_related = ("meeting__group",)


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    list_display = ("minutes", "role", "person", "user", "approved_at")
    list_select_related = ("minutes__meeting__group", "person", "user")


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "membership", "substitute", "reported_at")
    list_select_related = (
        "meeting__group",
        "membership__person",
        "membership__group",
        "substitute__person",
        "substitute__group",
    )


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "person", "status", "replaces")
    list_filter = ("status",)
    list_select_related = ("meeting__group", "person", "replaces")
