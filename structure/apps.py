from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "structure"
    verbose_name = "Samverkansstruktur"

    def ready(self) -> None:
        from structure import signals

        signals.connect()
