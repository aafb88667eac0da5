"""The migration from answer rows to tallies (R-F4): the same figures, no answer table left."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("followup", "0001_initial")]
AFTER = [("followup", "0002_survey_tallies")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_answer_rows_become_tallies_and_back_and_the_answer_table_is_dropped():
    try:
        old = _migrate(BEFORE)
        survey = old.get_model("followup", "SurveyRound").objects.create(
            title="Enkät 2025", year=2025, closes_on=datetime.date(2025, 12, 1), scale_max=5
        )
        other = old.get_model("followup", "SurveyRound").objects.create(
            title="Enkät 2026", year=2026, closes_on=datetime.date(2026, 12, 1), scale_max=4
        )
        Answer = old.get_model("followup", "SurveyAnswer")
        stored = [("E1", 5), ("E1", 5), ("E1", 4), ("E1", 2), ("E3", 1)]
        Answer.objects.bulk_create(Answer(round=survey, goal=g, value=v) for g, v in stored)

        new = _migrate(AFTER)
        tables = connection.introspection.table_names()
        assert "followup_surveyanswer" not in tables
        Tally = new.get_model("followup", "SurveyTally")
        counts = {(t.goal, t.value): t.count for t in Tally.objects.filter(round_id=survey.pk)}
        assert len(counts) == 5 * 5  # every goal and value of the scale, zeros included
        assert {k: n for k, n in counts.items() if n} == dict(Counter(stored))
        assert Tally.objects.filter(round_id=other.pk).count() == 5 * 4
        assert not Tally.objects.filter(round_id=other.pk, count__gt=0).exists()

        back = _migrate(BEFORE)
        rows = back.get_model("followup", "SurveyAnswer").objects.values_list("goal", "value")
        assert Counter(rows) == Counter(stored)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
