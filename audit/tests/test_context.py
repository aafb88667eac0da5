"""`AuditContextMiddleware`: the client's address and the URL's name reach the services' rows
without a request; outside a request (commands, jobs) there is none."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from audit import context
from audit import services as audit
from audit.models import AuditEvent
from testing.builders import member_user


@pytest.fixture
def alice(structure):
    return member_user("alice", "lsg")


def test_a_write_through_a_page_records_the_address_and_the_page_name(alice):
    client = Client(REMOTE_ADDR="192.0.2.7")
    client.force_login(alice)
    client.post(reverse("meetings:calendar_feed_create"))
    event = AuditEvent.objects.get(action="meetings.create_calendar_feed")
    assert (event.ip_address, event.route) == ("192.0.2.7", "meetings:calendar_feed_create")


def test_the_context_ends_with_the_request(alice):
    client = Client()
    client.force_login(alice)
    client.post(reverse("meetings:calendar_feed_create"))
    assert context.current() is None
    with transaction.atomic():
        event = audit.record_write(actor=None, action="test.after_the_request")
    assert (event.ip_address, event.route) == (None, "")
