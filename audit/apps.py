from django.apps import AppConfig

from accounts.apps import SamverkanAdminConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Granskningslogg"

    def ready(self):
        from audit import signals  # noqa: F401 – connects the sign-in receivers


class AuditedAdminConfig(SamverkanAdminConfig):
    """The Django admin (`SamverkanAdminConfig`), with every write recorded in the audit
    trail (`audit.admin_site`)."""

    default_site = "audit.admin_site.AuditedAdminSite"
