from django.contrib import admin

from accounts import permissions
from lib.admin import SafeInputAdminMixin


class SamverkanAdminSite(admin.AdminSite):
    site_header = "Samverkan – administration"
    site_title = "Samverkan"
    index_title = "Förvaltning av samverkansstrukturen"

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every admin of the site, our own and plug-ins', gets the input checks of
        `lib.admin.SafeInputAdminMixin`."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeInputAdminMixin):
            admin_class = type(admin_class.__name__, (SafeInputAdminMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
