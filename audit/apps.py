from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Granskningslogg"

    def ready(self):
        from audit import signals  # noqa: F401 – connects the sign-in receivers
