from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search index (its table, text and matching); `/sok/` is `searchpage`, on top."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Sök"
