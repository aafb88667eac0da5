from django.apps import AppConfig


class PreparationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "preparation"
    verbose_name = "Arbetsutskottens beredning"
