"""Deployment checks for the open-data catalogue (`manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility, deploy=True)
def contact_point_configured(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The portal shows the catalogue's contact point to everyone who has a question about the
    data: in production it must be a real mailbox, not empty and not a `.invalid` placeholder."""
    email = settings.OPEN_DATA_CONTACT_EMAIL.strip()
    if email and "@" in email and not email.lower().endswith(".invalid"):
        return []
    return [
        checks.Error(
            f"OPEN_DATA_CONTACT_EMAIL is {email!r}: the open-data catalogue has no real contact "
            "point.",
            hint="Set OPEN_DATA_CONTACT_EMAIL to the mailbox that answers questions about the "
            "open data (DCAT-AP-SE dcat:contactPoint).",
            id="opendata.E001",
        )
    ]
