from django.apps import AppConfig


class SearchPageConfig(AppConfig):
    """`/sok/` and what keeps the index current; the index itself is the `search` app below."""

    name = "searchpage"
    verbose_name = "Söksidan"

    def ready(self) -> None:
        # The receivers connect on import; the sources tell the index what each kind holds.
        from searchpage import signals, sources  # noqa: F401

        sources.register()
