"""Duplicate submissions (a double click): a case remembers the key of the form that raised it,
and a case gets at most one recommendation per meeting."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="submission_key",
            field=models.UUIDField(
                blank=True,
                editable=False,
                help_text="Från formuläret som väckte ärendet: ett dubbelklick skapar inte två ärenden.",
                null=True,
                unique=True,
                verbose_name="inskickningsnyckel",
            ),
        ),
        migrations.AddField(
            model_name="historicalcase",
            name="submission_key",
            field=models.UUIDField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Från formuläret som väckte ärendet: ett dubbelklick skapar inte två ärenden.",
                null=True,
                verbose_name="inskickningsnyckel",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.UniqueConstraint(
                fields=("case", "meeting"), name="one_recommendation_per_case_and_meeting"
            ),
        ),
    ]
