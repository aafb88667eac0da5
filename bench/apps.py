from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`: seeds national volume on top of the demo and measures every page."""

    name = "bench"
    verbose_name = "Prestandamätning"
