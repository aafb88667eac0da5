"""The admin's one access rule: every admin of our own apps decides who may view and change
through `lib.admin.DecidedByPermissionsAdmin` (a predicate of `accounts.permissions`, and the
guard on reverting history), instead of re-implementing it."""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from accounts.models import User
from followup.admin import IndicatorAdmin
from followup.models import Indicator
from lib.admin import DecidedByPermissionsAdmin

# Read-only by its own rules (nobody may add, change or delete an audit row).
OWN_RULES = {"audit.AuditEvent"}


def _own_app(model) -> bool:
    path = apps.get_app_config(model._meta.app_label).path
    return path.startswith(str(settings.BASE_DIR)) and "site-packages" not in path


def test_every_admin_of_our_apps_asks_the_permissions():
    ours = [m for m in admin.site._registry if _own_app(m)]
    assert len(ours) > 20
    strays = [
        m._meta.label
        for m in ours
        if m._meta.label not in OWN_RULES
        and not isinstance(admin.site._registry[m], DecidedByPermissionsAdmin)
    ]
    assert strays == []


def test_followup_history_cannot_be_reverted_by_someone_who_may_not_change(db):
    """The guard that a hand-written copy had lost: reverting saves on POST."""
    model_admin = IndicatorAdmin(Indicator, admin.site)
    model_admin.may_change = staticmethod(lambda user: False)
    request = RequestFactory().post("/")
    request.user = User.objects.create_user("kim", is_coordinator=True)
    with pytest.raises(PermissionDenied):
        model_admin.history_form_view(request, "1", "1")
