"""The coordinator's meeting work, walked in a real browser, on a desktop and on a phone.

a. Prepare an agenda on the manage page: add an item, edit it, remove one (asked first); each
   action lands on the agenda section with its message there.
b. Send the kallelse through its preview (who gets what), then see it marked as sent.
c. The public meeting directory starts with coming meetings, and has a month view.
d. On a phone the manage page, the case list, the month view, the working groups and the
   follow-up manage page never scroll sideways.
"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import CHROMIUM
from e2e.test_journeys import book_lsg_meeting, sign_in
from meetings.models import AgendaItem, ItemKind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]

PHONE = {"width": 390, "height": 844}


def agenda(page: Page):
    return page.get_by_role("region", name="Dagordning")


def test_coordinator_prepares_the_agenda_and_sends_the_kallelse_after_a_preview(site, new_page):
    meeting = book_lsg_meeting(timezone.localdate() + datetime.timedelta(days=30))
    page = new_page()
    sign_in(page, "koordinator")
    page.goto(f"/moten/{meeting.pk}/hantera/")
    expect(page.get_by_role("navigation", name="Delar av sidan")).to_be_visible()

    # Add an information item; the page comes back at the agenda with the message there.
    section = agenda(page)
    section.get_by_label("Typ").select_option(label="Informationsärende")
    section.get_by_label("Rubrik").fill("Lägesrapport hemgång")
    section.get_by_role("button", name="Lägg till").click()
    expect(page).to_have_url(f"{page.url.split('#')[0].split('?')[0]}#dagordning")
    expect(agenda(page).get_by_role("status")).to_contain_text("Punkten är tillagd.")

    # Edit it.
    agenda(page).get_by_role("link", name="Ändra – Lägesrapport hemgång").click()
    page.get_by_label("Rubrik").fill("Lägesrapport trygg hemgång")
    page.get_by_role("button", name="Spara punkten").click()
    expect(agenda(page).get_by_role("status")).to_contain_text("är ändrad")
    expect(agenda(page)).to_contain_text("Lägesrapport trygg hemgång")

    # Remove it: the product asks first, and "Ta bort" on the list removes nothing by itself.
    agenda(page).get_by_role("link", name="Ta bort – Lägesrapport trygg hemgång").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ta bort punkt")
    assert AgendaItem.objects.filter(meeting=meeting, title__contains="hemgång").exists()
    page.get_by_role("button", name="Ta bort punkten").click()
    expect(agenda(page).get_by_role("status")).to_contain_text("är borttagen")
    assert not AgendaItem.objects.filter(meeting=meeting, title__contains="hemgång").exists()
    assert not AgendaItem.objects.filter(meeting=meeting, kind=ItemKind.DECISION).exists()

    # The kallelse: a preview first, then the mail goes out. The live server commits each
    # request for real, so mail sent after commit reaches the outbox here: the count after the
    # preview can fail (the send below proves the same path delivers).
    sent_before = len(mail.outbox)
    page.get_by_role("link", name="Förhandsgranska och skicka kallelse").click()
    recipients = page.get_by_role("table").filter(has_text="mottagare")
    expect(recipients).to_be_visible()
    assert len(mail.outbox) == sent_before, "the preview sent mail"
    page.get_by_role("button", name="Skicka kallelsen").click()
    kallelse = page.get_by_role("region", name="Kallelse")
    expect(kallelse.get_by_role("status")).to_contain_text("Kallelsen är skickad till")
    invited = meeting.group.memberships.count()
    assert len(mail.outbox) - sent_before >= invited > 0, "one kallelse per member"
    expect(kallelse.get_by_role("link", name="Förhandsgranska och skicka igen")).to_be_visible()


def test_the_directory_starts_with_coming_meetings_and_has_a_month_view(site, new_page):
    today = timezone.localdate()
    earlier = book_lsg_meeting(today - datetime.timedelta(days=40))
    coming = book_lsg_meeting(today + datetime.timedelta(days=10))
    page = new_page(javascript=False)
    page.goto("/moten/")
    main = page.get_by_role("main")
    expect(main).to_contain_text(f"{coming.local_date:%Y-%m-%d}")
    expect(main).not_to_contain_text(f"{earlier.local_date:%Y-%m-%d}")
    page.get_by_role("link", name="Visa tidigare möten").click()
    expect(page.get_by_role("main")).to_contain_text(f"{earlier.local_date:%Y-%m-%d}")
    page.goto("/moten/")
    page.get_by_role("link", name="Visa som månadskalender").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(today.year))
    page.goto(f"/moten/manad/{coming.local_date:%Y-%m}/")
    expect(page.get_by_role("link", name="09:00 LSG")).to_be_visible()


def test_manage_page_and_case_list_fit_a_phone(site, new_page):
    meeting = book_lsg_meeting(timezone.localdate() + datetime.timedelta(days=30))
    page = new_page(viewport=PHONE)
    sign_in(page, "koordinator")
    for path in (
        f"/moten/{meeting.pk}/hantera/",
        "/arenden/",
        "/planering/",
        "/moten/",
        f"/moten/manad/{meeting.local_date:%Y-%m}/",
        "/arbetsgrupper/",
        "/arbetsgrupper/ny/",
        "/uppfoljning/hantera/",
    ):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
