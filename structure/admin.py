"""The coordinators' maintenance of the structure (Swedish, with history on every change).

Persons, seats, mandate versions and chair extensions are saved through `structure.services`
(`lib.admin.ServiceBackedAdmin`): the service checks the seat and chair rules again and records
the one audit row of the save; a rule it refuses is shown as the form's error."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts import permissions
from lib.admin import DecidedByPermissionsAdmin, ServiceBackedAdmin
from structure import services
from structure.models import (
    ChairExtension,
    County,
    DecisionBody,
    GeographicGrouping,
    Group,
    Mandate,
    Membership,
    Person,
    Principal,
    StructurePeriod,
)


class CoordinatorAdmin(DecidedByPermissionsAdmin, SimpleHistoryAdmin):
    """Access decided by `accounts.permissions`, not by per-model permission rows."""

    may_view = staticmethod(permissions.can_manage_structure)
    may_change = staticmethod(permissions.can_manage_structure)


class DecisionBodyInline(admin.TabularInline):
    model = DecisionBody
    extra = 0


@admin.register(Principal)
class PrincipalAdmin(CoordinatorAdmin):
    list_display = ("name", "code", "side", "grouping")
    list_filter = ("side", "grouping")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [DecisionBodyInline]


@admin.register(GeographicGrouping)
class GeographicGroupingAdmin(CoordinatorAdmin):
    list_display = ("name", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(County)
class CountyAdmin(CoordinatorAdmin):
    list_display = ("name", "code", "collaboration_name")


@admin.register(StructurePeriod)
class StructurePeriodAdmin(CoordinatorAdmin):
    list_display = ("name", "effective_from", "effective_to")


class ShownNotEditedInline:
    """Rows written only through `structure.services`: shown on the parent's page, each linking
    to its own page, where it is saved through the service."""

    extra = 0
    show_change_link = True

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_structure(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MandateInline(ShownNotEditedInline, admin.StackedInline):
    model = Mandate


@admin.register(Group)
class GroupAdmin(CoordinatorAdmin):
    list_display = ("name", "kind", "level", "reports_to", "meetings_min", "paper_deadline_days")
    list_filter = ("kind", "level")
    search_fields = ("name", "short_name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("reports_to", "ex_officio_from", "principal")
    inlines = [MandateInline]
    fieldsets = (
        (None, {"fields": ("name", "short_name", "slug", "kind", "level", "order")}),
        (
            "Rapporteringsväg",
            {
                "fields": (
                    "reports_to",
                    "reports_to_principals",
                    "principal",
                    "grouping",
                    "active_from",
                    "active_to",
                )
            },
        ),
        (
            "Platser och ordförande",
            {
                "fields": (
                    "seats_text",
                    "seat_rule",
                    "ex_officio_from",
                    "nomination_years",
                    "chair_rule",
                    "chair_anchor_year",
                    "chair_anchor_side",
                    "chair_side",
                )
            },
        ),
        (
            "Möten och minnesanteckningar",
            {
                "fields": (
                    "meetings_min",
                    "meetings_max",
                    "meeting_form",
                    "paper_deadline_days",
                    "paper_deadline_unit",
                    "papers_sent_by",
                    "minutes_approval",
                    "minutes_taker",
                    "minutes_public",
                )
            },
        ),
        (
            "Uppföljning och beslut",
            {
                "fields": (
                    "assignment_review_months",
                    "meeting_forms_review_months",
                    "self_evaluation_months",
                    "follow_up_by",
                    "decides_itself",
                    "gives_recommendations",
                    "special_role",
                )
            },
        ),
    )


@admin.register(Mandate)
class MandateAdmin(ServiceBackedAdmin, CoordinatorAdmin):
    list_display = ("group", "effective_from", "effective_to")
    list_filter = ("group",)
    date_hierarchy = "effective_from"

    def save_through_service(self, request, obj, form, change):
        values = self.form_values(obj, form)
        if change:
            return services.update_mandate(by=request.user, mandate=obj, **values)
        return services.record_mandate_version(by=request.user, **values)


class MembershipInline(ShownNotEditedInline, admin.TabularInline):
    model = Membership
    fk_name = "person"
    fields = ("group", "kind", "position", "substitute_for", "start_date", "end_date")
    autocomplete_fields = ("group", "substitute_for")


@admin.register(Person)
class PersonAdmin(ServiceBackedAdmin, CoordinatorAdmin):
    list_display = ("last_name", "first_name", "principal", "title", "email")
    list_filter = ("principal",)
    search_fields = ("first_name", "last_name", "email")
    inlines = [MembershipInline]

    def save_through_service(self, request, obj, form, change):
        values = self.form_values(obj, form)
        if change:
            return services.update_person(by=request.user, person=obj, **values)
        return services.create_person(by=request.user, **values)


@admin.register(Membership)
class MembershipAdmin(ServiceBackedAdmin, CoordinatorAdmin):
    list_display = ("person", "group", "kind", "position", "start_date", "end_date")
    list_filter = ("group", "kind", "position")
    search_fields = ("person__first_name", "person__last_name", "group__name")
    autocomplete_fields = ("person", "group", "substitute_for")
    list_select_related = ("person", "group")

    def save_through_service(self, request, obj, form, change):
        values = self.form_values(obj, form)
        if not change:
            return services.add_membership(by=request.user, **values)
        stored = Membership.objects.get(pk=obj.pk)
        changed = {name for name, value in values.items() if getattr(stored, name) != value}
        if changed == {"end_date"} and stored.end_date is None:
            # Ending a seat: its substitutes end with it (see `services.end_membership`).
            return services.end_membership(
                by=request.user, membership=stored, end_date=values["end_date"]
            )
        return services.update_membership(by=request.user, membership=stored, **values)


@admin.register(ChairExtension)
class ChairExtensionAdmin(ServiceBackedAdmin, CoordinatorAdmin):
    list_display = ("group", "year", "decided_on", "reference")
    list_filter = ("group",)

    def save_through_service(self, request, obj, form, change):
        values = self.form_values(obj, form)
        if change:
            return services.update_chair_extension(by=request.user, extension=obj, **values)
        return services.extend_chair_term(by=request.user, **values)
