import django.db.models.deletion
from django.db import migrations, models


def link_corrections(apps, schema_editor):
    """Items of a correction made before items carried their identity: the replaced version's
    item at the same position is the same item (a correction starts as a copy, position by
    position). Versions in order, so a second correction continues the first one's identity."""
    Minutes = apps.get_model("meetings", "Minutes")
    MinutesItem = apps.get_model("meetings", "MinutesItem")
    corrections = Minutes.objects.filter(supersedes__isnull=False).order_by("meeting_id", "version")
    for minutes in corrections.iterator():
        before = {
            item.position: item.origin_id or item.pk
            for item in MinutesItem.objects.filter(minutes_id=minutes.supersedes_id)
        }
        for item in MinutesItem.objects.filter(minutes_id=minutes.pk, origin__isnull=True):
            if item.position in before:
                MinutesItem.objects.filter(pk=item.pk).update(origin_id=before[item.position])


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_timestamps'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalminutesitem',
            name='origin',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='meetings.minutesitem', verbose_name='samma punkt i första versionen'),
        ),
        migrations.AddField(
            model_name='minutesitem',
            name='origin',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='meetings.minutesitem', verbose_name='samma punkt i första versionen'),
        ),
        migrations.RunPython(link_corrections, migrations.RunPython.noop),
    ]
