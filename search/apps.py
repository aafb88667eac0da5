from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Sök"

    def ready(self) -> None:
        from search import signals  # noqa: F401  (connects the index to the content's saves)
