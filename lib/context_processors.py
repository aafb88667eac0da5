"""What every page may show about the site itself."""

from django.conf import settings


def site(request):
    """The contact for help with accounts and the site (login page, accessibility statement)."""
    return {"support_contact": settings.SUPPORT_CONTACT}
