from django.apps import AppConfig


class AnnualCycleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "annualcycle"
    verbose_name = "Årshjul"
