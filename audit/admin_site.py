"""The admin records its writes like the services do: every add, change and delete, with the
fields the form changed (before and after), in the admin's transaction.

`AuditedAdminSite` mixes `AuditedAdminMixin` into every ModelAdmin of the site, our own and
plug-ins' alike (as `accounts.admin_site.SamverkanAdminSite` does with the input checks), so no
admin can be registered without it. An admin that saves through a service
(`lib.admin.ServiceBackedAdmin`, e.g. the structure's persons and seats) leaves the row to the
service, so each save is recorded once, under the service's action."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model

from accounts.admin_site import SamverkanAdminSite
from audit.services import diff, record_write, snapshot, target_of


def admin_action(model: type[Model] | Model, what: str) -> str:
    """`admin.<app_label>.<model>.add|change|delete`."""
    opts = model._meta
    return f"admin.{opts.app_label}.{opts.model_name}.{what}"


def form_changes(form, change: bool) -> dict[str, list]:
    """{"field": [before, after]} for the fields the form changed; before is what the form
    showed (the stored value), after what was saved."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name in form.changed_data:
        if change:
            before[name] = form.initial.get(name)
        after[name] = form.cleaned_data.get(name)
    return diff(before if change else None, after)


class AuditedAdminMixin:
    def save_model(self, request, obj, form, change):
        # The admin's change form runs in a transaction, simple_history's revert form does not.
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if getattr(self, "audited_by_service", False):
                return  # `lib.admin.ServiceBackedAdmin`: the service recorded the one row
            record_write(
                actor=request.user,
                action=admin_action(obj, "change" if change else "add"),
                target=obj,
                changes=form_changes(form, change),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            target, before = target_of(obj), snapshot(obj)
            super().delete_model(request, obj)
            record_write(
                actor=request.user,
                action=admin_action(obj, "delete"),
                target=target,
                before=before,
                after=None,
            )

    def delete_queryset(self, request, queryset):
        """The list's bulk delete: one row naming every deleted id."""
        with transaction.atomic():
            ids = sorted(queryset.values_list("pk", flat=True))
            super().delete_queryset(request, queryset)
            record_write(
                actor=request.user,
                action=admin_action(queryset.model, "delete"),
                changes={"ids": [ids, None], "count": [len(ids), None]},
            )

    def save_formset(self, request, form, formset, change):
        """Inline rows (a person's memberships, a group's mandates): one row per object added,
        changed or deleted, so each keeps its own history."""
        with transaction.atomic():
            deleted = [
                (target_of(f.instance), snapshot(f.instance))
                for f in formset.deleted_forms
                if f.instance.pk is not None
            ]
            edited = [
                (f, f.instance.pk is not None)
                for f in formset.forms
                if f not in formset.deleted_forms and f.has_changed()
            ]
            super().save_formset(request, form, formset, change)
            model = formset.model
            for target, before in deleted:
                record_write(
                    actor=request.user,
                    action=admin_action(model, "delete"),
                    target=target,
                    before=before,
                    after=None,
                )
            for inline_form, existed in edited:
                record_write(
                    actor=request.user,
                    action=admin_action(model, "change" if existed else "add"),
                    target=inline_form.instance,
                    changes=form_changes(inline_form, existed),
                )


class AuditedAdminSite(SamverkanAdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(admin_class.__name__, (AuditedAdminMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
