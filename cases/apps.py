from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Ärenden och beslut"

    def ready(self) -> None:
        from cases import signals  # noqa: F401  (connects the receivers)
