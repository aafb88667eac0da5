"""The coordinators' maintenance of indicators, the seminar's priorities and goals, agreements
and coordinator assignments, with history. Survey invitations and answers are deliberately not
in the admin: nobody browses who was asked next to what was answered."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from followup.models import (
    Agreement,
    CoordinatorAssignment,
    Goal,
    GoalFollowUp,
    Indicator,
    Priority,
    SurveyRound,
)
from lib.admin import DecidedByPermissionsAdmin


class FollowupAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    """Access decided by `accounts.permissions` (the shared admin rule, with its guard on
    reverting to an earlier version), not by per-model permission rows."""

    may_view = staticmethod(permissions.can_manage_followup)
    may_change = staticmethod(permissions.can_manage_followup)


@admin.register(Indicator)
class IndicatorAdmin(FollowupAdmin):
    list_display = ("name", "code", "unit", "source", "higher_is_better", "fictional")
    search_fields = ("name", "code")


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    filter_horizontal = ("owners",)


@admin.register(Priority)
class PriorityAdmin(FollowupAdmin):
    list_display = ("title", "population", "decided_on", "active")
    list_filter = ("active",)
    filter_horizontal = ("cases", "groups")
    inlines = [GoalInline]


@admin.register(Goal)
class GoalAdmin(FollowupAdmin):
    """Revising a goal is an edit here; 'Historik' shows every earlier version."""

    list_display = ("indicator", "priority", "baseline_value", "target_value", "target_year")
    list_filter = ("priority",)
    filter_horizontal = ("owners",)


@admin.register(GoalFollowUp)
class GoalFollowUpAdmin(FollowupAdmin):
    list_display = ("goal", "year", "status", "decision")
    list_filter = ("year", "status", "decision")
    readonly_fields = ("status", "latest_year", "latest_value")

    def has_add_permission(self, request):
        return False  # recorded on the follow-up page, where the status is computed


@admin.register(SurveyRound)
class SurveyRoundAdmin(FollowupAdmin):
    list_display = ("title", "year", "closes_on", "opened_at")
    readonly_fields = ("opened_at", "opened_by", "scale_max", "satisfied_from")

    def has_add_permission(self, request):
        return False  # opened on the follow-up page, which sends the links


@admin.register(Agreement)
class AgreementAdmin(FollowupAdmin):
    list_display = ("title", "kind", "municipality", "in_force_from")
    list_filter = ("kind",)


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(FollowupAdmin):
    list_display = ("person", "appointed_on", "ends_on")
    autocomplete_fields = ("person",)
