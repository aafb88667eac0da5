"""Backfill for migrations that add `created_at`/`updated_at` to models kept with history
(django-simple-history): an existing row was created when its first history record was written
and last modified at its newest one; rows without history keep the migration's time."""

from django.db.models import OuterRef, Subquery


def stamps_from_history(app: str, *models_and_fields):
    """A `RunPython` function for `app`: each (model name, fields) pair sets those of
    `created_at`/`updated_at` from the model's historical records."""

    def backfill(apps, schema_editor):
        for model_name, fields in models_and_fields:
            model = apps.get_model(app, model_name)
            history = apps.get_model(app, f"Historical{model_name}")
            records = history.objects.filter(id=OuterRef("pk"))
            first = records.order_by("history_date").values("history_date")[:1]
            last = records.order_by("-history_date").values("history_date")[:1]
            stamps = {"created_at": Subquery(first), "updated_at": Subquery(last)}
            with_history = model.objects.filter(pk__in=history.objects.values("id"))
            with_history.update(**{f: stamps[f] for f in fields})

    return backfill
