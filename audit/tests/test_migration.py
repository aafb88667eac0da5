"""Migration 0002 keeps what is safe of the old middleware's rows: who, when, from where and
the view's name; a status code moves into `changes`. Raw paths and URL arguments (which could
hold a secret link) are dropped, and rows of a coordinator answering a survey are deleted."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [("audit", "0001_initial")]
NEW = [("audit", "0002_request_free_writes")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_rows_keep_the_view_and_lose_paths_and_survey_answers():
    old = migrate(OLD).get_model("audit", "AuditEvent")
    old.objects.create(kind="login", username="kim", path="/logga-in/?next=/enkat/hemlig-1/")
    old.objects.create(
        kind="write",
        username="kim",
        ip_address="192.0.2.1",
        action="meetings:meeting_cancel",
        path="/moten/5/hantera/stall-in/",
        object_ref="pk=5",
        status_code=302,
    )
    old.objects.create(
        kind="write",
        username="kim",
        action="followup:survey_answer",
        path="/enkat/hemlig-2/",
        object_ref="token=hemlig-2",
        status_code=200,
    )
    new = migrate(NEW).get_model("audit", "AuditEvent")
    rows = list(new.objects.order_by("pk").values())
    assert [(r["kind"], r["route"], r["changes"]) for r in rows] == [
        ("login", "", {}),
        ("write", "meetings:meeting_cancel", {"status_code": [None, 302]}),
    ]
    assert rows[1]["ip_address"] == "192.0.2.1"
    assert "hemlig" not in repr(rows)
