"""A decision's comment (required for "delvis bifall") and recorded corrections of decisions."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

OUTCOMES = [("approved", "Bifall"), ("partly_approved", "Delvis bifall"), ("rejected", "Avslag")]
COMMENT_HELP = "Krävs vid delvis bifall: vad som inte bifölls."


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_submission_key_and_one_recommendation_per_meeting"),
        ("structure", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprincipaldecision",
            name="comment",
            field=models.TextField(blank=True, help_text=COMMENT_HELP, verbose_name="kommentar"),
        ),
        migrations.AddField(
            model_name="principaldecision",
            name="comment",
            field=models.TextField(blank=True, help_text=COMMENT_HELP, verbose_name="kommentar"),
        ),
        migrations.CreateModel(
            name="DecisionCorrection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=OUTCOMES, max_length=20, verbose_name="tidigare beslut"
                    ),
                ),
                ("decided_on", models.DateField(verbose_name="tidigare beslutsdatum")),
                (
                    "reference",
                    models.CharField(max_length=100, verbose_name="tidigare hänvisning"),
                ),
                ("comment", models.TextField(blank=True, verbose_name="tidigare kommentar")),
                ("reason", models.TextField(verbose_name="skäl till rättelsen")),
                (
                    "corrected_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="rättat"
                    ),
                ),
                (
                    "body",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="structure.decisionbody",
                        verbose_name="tidigare beslutsinstans",
                    ),
                ),
                (
                    "corrected_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="rättat av",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="cases.principaldecision",
                        verbose_name="beslut",
                    ),
                ),
            ],
            options={
                "verbose_name": "rättelse av beslut",
                "verbose_name_plural": "rättelser av beslut",
                "ordering": ["corrected_at", "pk"],
            },
        ),
    ]
