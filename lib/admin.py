"""The admin's own rules: who may use a page (one predicate of `accounts.permissions`, mixed in
as `DecidedByPermissionsAdmin`), and the input the Django admin and its plug-ins do not check: ids
in the URL, selected rows of an action, history pages of models that keep no history. The
latter is mixed into every ModelAdmin of our site by
`accounts.admin_site.SamverkanAdminSite.register`, so plug-ins' admins are covered too."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpResponseRedirect

from lib.forms import MAX_ID

INVALID_SELECTION = "Urvalet innehöll ogiltiga rader. Välj raderna igen."


def valid_pk(model, value) -> bool:
    pk = model._meta.pk
    try:
        pk.to_python(unquote(str(value)))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    if pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField"}:
        try:
            return 0 <= int(unquote(str(value))) <= MAX_ID
        except ValueError:
            return False
    return True


class _SafeAutocomplete:
    """Django's autocomplete widget looks the submitted values up when it re-displays a form
    with errors, and a value that is no id at all breaks that query."""

    def optgroups(self, name, value, attr=None):
        model = self.choices.queryset.model
        return super().optgroups(name, [v for v in value if valid_pk(model, v)], attr)


def _make_autocomplete_safe(formfield) -> None:
    widget = getattr(formfield, "widget", None)
    for candidate in (widget, getattr(widget, "widget", None)):
        if isinstance(candidate, AutocompleteMixin) and not isinstance(
            candidate, _SafeAutocomplete
        ):
            cls = candidate.__class__
            candidate.__class__ = type(cls.__name__, (_SafeAutocomplete, cls), {})


class SafeFormfieldMixin:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        _make_autocomplete_safe(formfield)
        return formfield


class SafeInputAdminMixin(SafeFormfieldMixin):
    def _valid_pk(self, value) -> bool:
        return valid_pk(self.model, value)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        for inline in inlines:
            if not isinstance(inline, SafeFormfieldMixin):
                cls = inline.__class__
                inline.__class__ = type(cls.__name__, (SafeFormfieldMixin, cls), {})
        return inlines

    def history_view(self, request, object_id, extra_context=None):
        if not self._valid_pk(object_id):
            raise Http404
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            # The model keeps no history of its own: show Django's admin log instead.
            return admin.ModelAdmin.history_view(self, request, object_id, extra_context)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not hasattr(self.model._meta, "simple_history_manager_attribute"):
            raise Http404
        if not self._valid_pk(object_id) or not str(version_id).isdigit():
            raise Http404
        if int(version_id) >= 2**63:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)

    def response_action(self, request, queryset):
        selected = request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME)
        if not all(self._valid_pk(value) for value in selected):
            self.message_user(request, INVALID_SELECTION, messages.WARNING)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset)


def _nobody(user) -> bool:
    return False


class DecidedByPermissionsAdmin:
    """Mix into a ModelAdmin. `may_view` and `may_change` are predicates of
    `accounts.permissions` (user → bool); `may_change = None` makes the model read-only, for
    models whose every change must go through a service."""

    may_view: Callable = staticmethod(_nobody)
    may_change: Callable | None = None

    def _may_change(self, request) -> bool:
        return self.may_change is not None and self.may_change(request.user)

    def has_module_permission(self, request):
        return self.may_view(request.user)

    def has_view_permission(self, request, obj=None):
        return self.may_view(request.user)

    def has_add_permission(self, request, *args):
        return self._may_change(request)

    def has_change_permission(self, request, obj=None):
        return self._may_change(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_change(request)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple_history's revert form saves on POST after checking only view permission."""
        if request.method == "POST" and not self._may_change(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ServiceRefused(Exception):
    """A service refused the admin's save (its `ValidationError`), raised out of the change
    form's transaction so that whatever the save had begun rolls back."""

    def __init__(self, error: ValidationError):
        super().__init__(error)
        self.error = error


class ServiceBackedAdmin:
    """Mix into a ModelAdmin whose model is written only by services.

    `save_through_service(request, obj, form, change)` calls the service with what the form
    validated and returns the saved object. The service checks again (permissions, rules) and
    records the audit row; `audited_by_service` tells `audit.admin_site.AuditedAdminMixin`
    not to record a second one. A `ValidationError` of the service is shown as the form's
    error, with what the user typed, as any form error is: the change form's transaction rolls
    back and the form is shown again with the service's messages added in its `clean()`."""

    audited_by_service = True
    _REFUSAL = "_service_refusal"

    def save_through_service(self, request, obj: Model, form, change: bool) -> Model:
        raise NotImplementedError

    @staticmethod
    def form_values(obj: Model, form) -> dict[str, Any]:
        """The values the form put on `obj`, by field name: every field of the form (the
        service compares them with the stored row; simple_history's revert form starts from an
        old version, so the form's own `changed_data` says nothing about the stored row)."""
        names = {f.name for f in obj._meta.concrete_fields}
        return {name: getattr(obj, name) for name in form.fields if name in names}

    def save_model(self, request, obj, form, change):
        try:
            saved = self.save_through_service(request, obj, form, change)
        except ValidationError as error:
            raise ServiceRefused(error) from error
        if not change:
            # The admin goes on with the object its form built (inlines, log, redirect).
            obj.pk = saved.pk
            obj._state.adding = False
            obj._state.db = saved._state.db

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            setattr(request, self._REFUSAL, refused.error)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """simple_history's revert form saves through `save_model` too (outside a transaction:
        the refused service has rolled its own back)."""
        try:
            return super().history_form_view(request, object_id, version_id, extra_context)
        except ServiceRefused as refused:
            setattr(request, self._REFUSAL, refused.error)
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        refusal = getattr(request, self._REFUSAL, None)
        if refusal is None:
            return form

        def clean(form_self):
            cleaned = super(refused_form, form_self).clean()
            errors = refusal.error_dict if hasattr(refusal, "error_dict") else {None: refusal}
            for name, field_errors in errors.items():
                form_self.add_error(name if name in form_self.fields else None, field_errors)
            return cleaned

        refused_form = type(form.__name__, (form,), {"clean": clean})
        return refused_form
