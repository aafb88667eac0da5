"""One way to decide who may use an admin page: a predicate of `accounts.permissions`."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied


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
