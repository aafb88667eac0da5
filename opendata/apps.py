from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = "Öppna data"

    def ready(self):
        from opendata import checks  # noqa: F401 - registers the deployment checks
