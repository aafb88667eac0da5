"""The coordinator's year in a real browser: signing in lands on the desk, and a working group
goes from set-up to delivered, its report on the receiving group's next agenda."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.conftest import CHROMIUM
from e2e.test_journeys import book_lsg_meeting, nav, sign_in
from structure.models import Membership
from workgroups.models import Status, WorkingGroup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]


def test_coordinator_lands_on_the_desk_and_follows_a_working_group_to_delivery(
    site, new_page, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    meeting = book_lsg_meeting(timezone.localdate() + datetime.timedelta(days=30))
    convener = Membership.objects.filter(group__slug="lsg").select_related("person").first().person
    report = tmp_path / "rapport.txt"
    report.write_text("Arbetsgruppens rapport.", encoding="utf-8")
    page = new_page()

    sign_in(page, "koordinator")
    expect(page.get_by_role("heading", name="Att göra", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Försenat"))).to_be_visible()

    nav(page).get_by_role("link", name="Arbetsgrupper").click()
    page.get_by_role("link", name="Tillsätt arbetsgrupp").click()
    page.get_by_label("Arbetsgruppens namn").fill("Arbetsgrupp trygg hemgång")
    page.get_by_label("Uppdrag").fill("Ta fram en gemensam rutin för trygg hemgång.")
    page.get_by_label("Tillsatt av").select_option(label="Länssamverkansgruppen")
    page.get_by_label("Tillsatt den").fill((timezone.localdate()).isoformat())
    page.get_by_label("Beslut (hänvisning)").fill("LSG § 4")
    page.get_by_label("Sammankallande").select_option(label=convener.full_name)
    page.get_by_label("Ska leverera senast").fill(
        (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    )
    page.get_by_label("Levererar till").select_option(label="Länssamverkansgruppen")
    page.get_by_role("button", name="Tillsätt").click()
    expect(page.get_by_role("heading", name="Arbetsgrupp trygg hemgång")).to_be_visible()

    page.get_by_label("Rapport (dokument)").set_input_files(str(report))
    page.get_by_role("button", name="Leverera").click()
    expect(page.get_by_text("Rapporten är levererad")).to_be_visible()
    working_group = WorkingGroup.objects.get()
    assert working_group.status == Status.DELIVERED
    assert working_group.report_item.meeting == meeting
