"""Each sent kallelse keeps what it said (`Meeting.kallelse_copies`). Meetings whose kallelse
was sent before this field existed get one copy made from the agenda as it is now: the best
that is known of what was sent."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    sent = Meeting.objects.filter(kallelse_sent_at__isnull=False).select_related("group")
    for meeting in sent.iterator(chunk_size=500):
        titles = list(
            AgendaItem.objects.filter(meeting=meeting)
            .order_by("position")
            .values_list("title", flat=True)
        )
        meeting.kallelse_copies = [
            {
                "sent_at": meeting.kallelse_sent_at.isoformat(),
                "title": meeting.title or f"Möte i {meeting.group.name}",
                "starts_at": meeting.starts_at.isoformat(),
                "ends_at": meeting.ends_at.isoformat(),
                "form": meeting.form,
                "location": meeting.location,
                "items": titles,
            }
        ]
        meeting.save(update_fields=["kallelse_copies"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_item_lineage"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="kallelse_copies",
            field=models.JSONField(
                blank=True,
                db_default=[],
                default=list,
                editable=False,
                verbose_name="skickade kallelser",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
