"""Writes are recorded by the services now: a route name, the object and what changed, instead
of the request's raw path, URL arguments and status code.

The rows the old write middleware left keep who, when, from where and which view (as `route`);
a status code moves into `changes`. Paths and URL arguments are dropped, since they could hold
secret tokens (a survey link, a password-reset link), and rows of coordinators answering a
survey are deleted: they tied a person to the moment of an anonymous answer."""

from django.conf import settings
from django.db import migrations, models

SURVEY_ANSWER_VIEW = "followup:survey_answer"


def keep_what_is_safe(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    writes = AuditEvent.objects.filter(kind="write")
    writes.filter(action=SURVEY_ANSWER_VIEW).delete()
    for event in writes.exclude(action="").iterator():
        event.route = event.action[:200]
        if event.status_code is not None:
            event.changes = {"status_code": [None, event.status_code]}
        event.save(update_fields=["route", "changes"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="changes",
            field=models.JSONField(blank=True, default=dict, verbose_name="ändringar"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="route",
            field=models.CharField(blank=True, max_length=200, verbose_name="sida"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="target",
            field=models.CharField(blank=True, max_length=100, verbose_name="objekt"),
        ),
        migrations.RunPython(keep_what_is_safe, migrations.RunPython.noop),
        migrations.RemoveField(model_name="auditevent", name="object_ref"),
        migrations.RemoveField(model_name="auditevent", name="path"),
        migrations.RemoveField(model_name="auditevent", name="status_code"),
        migrations.AlterField(
            model_name="auditevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("login", "Inloggning"),
                    ("login_failed", "Misslyckad inloggning"),
                    ("logout", "Utloggning"),
                    ("write", "Ändring"),
                    ("token", "Användning av API-nyckel"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="händelse",
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["target", "-at"], name="audit_event_target_at"),
        ),
    ]
