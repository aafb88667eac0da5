"""Survey answers become counts per round, effect goal and value (R-F4).

Answer rows had auto-increment ids in answering order; an id range could be matched against an
access-log line of the person who answered. The tallies carry no order. Existing answers are
counted into tallies (every value of each round's scale gets a row, zero where nobody chose it)
and the answer table is dropped. Going back recreates one answer row per counted answer, in
(round, goal, value) order, so no answering order comes back either."""

from django.db import migrations, models
from django.db.models import Count

GOALS = ("E1", "E2", "E3", "E4", "E5")
BATCH = 1000


def answers_to_tallies(apps, schema_editor):
    SurveyRound = apps.get_model("followup", "SurveyRound")
    SurveyAnswer = apps.get_model("followup", "SurveyAnswer")
    SurveyTally = apps.get_model("followup", "SurveyTally")
    counts = {
        (row["round_id"], row["goal"], row["value"]): row["n"]
        for row in SurveyAnswer.objects.values("round_id", "goal", "value")
        .annotate(n=Count("pk"))
        .order_by()
    }
    tallies = []
    for survey in SurveyRound.objects.order_by("pk"):
        cells = {(g, v) for g in GOALS for v in range(1, survey.scale_max + 1)}
        # Keep whatever was stored, also a value or a goal outside today's scale.
        cells |= {(g, v) for (r, g, v) in counts if r == survey.pk}
        tallies += [
            SurveyTally(round=survey, goal=g, value=v, count=counts.get((survey.pk, g, v), 0))
            for g, v in sorted(cells)
        ]
    SurveyTally.objects.bulk_create(tallies, batch_size=BATCH)


def tallies_to_answers(apps, schema_editor):
    SurveyAnswer = apps.get_model("followup", "SurveyAnswer")
    SurveyTally = apps.get_model("followup", "SurveyTally")
    answers = []
    for tally in SurveyTally.objects.filter(count__gt=0).order_by("round_id", "goal", "value"):
        answers += [
            SurveyAnswer(round_id=tally.round_id, goal=tally.goal, value=tally.value)
            for _ in range(tally.count)
        ]
    SurveyAnswer.objects.bulk_create(answers, batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SurveyTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "goal",
                    models.CharField(
                        choices=[
                            ("E1", "E1 En större kontinuitet i samverkan"),
                            ("E2", "E2 Effektivare samverkansorganisation"),
                            ("E3", "E3 Effektivare mötesstruktur"),
                            ("E4", "E4 God samverkanskultur"),
                            ("E5", "E5 Stärkta relationer"),
                        ],
                        max_length=2,
                        verbose_name="effektmål",
                    ),
                ),
                ("value", models.PositiveSmallIntegerField(verbose_name="värde")),
                ("count", models.PositiveIntegerField(default=0, verbose_name="antal svar")),
                (
                    "round",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="tallies",
                        to="followup.surveyround",
                        verbose_name="enkätomgång",
                    ),
                ),
            ],
            options={
                "verbose_name": "svarsräkning",
                "verbose_name_plural": "svarsräkningar",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("round", "goal", "value"), name="one_tally_per_round_goal_value"
                    )
                ],
            },
        ),
        migrations.RunPython(answers_to_tallies, tallies_to_answers),
        migrations.DeleteModel(name="SurveyAnswer"),
    ]
