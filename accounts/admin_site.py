from django.contrib import admin

from accounts import permissions


class SamverkanAdminSite(admin.AdminSite):
    site_header = "Samverkan – administration"
    site_title = "Samverkan"
    index_title = "Förvaltning av samverkansstrukturen"

    def has_permission(self, request) -> bool:
        return permissions.can_use_admin(request.user)
