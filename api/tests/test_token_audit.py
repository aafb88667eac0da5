"""Every use of a token is in the audit log the coordinators read, with who and from where;
an invalid token leaves no such row."""

from api.tests.conftest import bearer
from audit.models import AuditEvent, EventKind
from testing.builders import coordinator_user


def test_a_token_use_is_recorded_in_the_audit_log(client, structure, token_for):
    coordinator_user("charlie")
    token = token_for("charlie")
    assert client.get("/api/v1/cases", **bearer(token)).status_code == 200
    event = AuditEvent.objects.get(kind=EventKind.TOKEN)
    assert event.user.username == "charlie"
    assert event.route == "api-v1:case_list"  # the URL's name, never its path
    assert event.ip_address == "127.0.0.1"


def test_an_invalid_token_is_refused_and_records_no_token_use(client, structure):
    assert client.get("/api/v1/cases", **bearer("smv_fake_token")).status_code == 401
    assert not AuditEvent.objects.filter(kind=EventKind.TOKEN).exists()
