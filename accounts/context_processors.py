from django.conf import settings

from accounts import permissions


def roles(request):
    """What the navigation needs to know about the signed-in user."""
    user = request.user
    return {
        "nav_is_coordinator": permissions.is_coordinator(user),
        "nav_can_use_admin": permissions.can_use_admin(user),
        "nav_can_see_audit_log": permissions.can_see_audit_log(user),
        "nav_can_export_archive": permissions.can_export_archive(user),
        "sso_enabled": settings.OIDC_ENABLED,
        "nav_is_registrar": permissions.is_registrar(user) or permissions.is_coordinator(user),
    }
