"""The journeys of the issue, walked in a real browser (SPEC R-Q1: works without JavaScript).

a. The public reads the structure with JavaScript switched off.
b. A case goes from a member's proposal to a principal's registered decision, and the public
   sees the decision status.
c. A member reports absence; the substitute is called in and the coordinator gets an e-mail.

Locators are accessible ones (role, label, text): a field a locator cannot find by its label is
an accessibility bug in the page; the last test pins that every case-page field has its own.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from cases import services as case_services
from e2e.conftest import CHROMIUM
from meetings import services as meeting_services
from meetings.models import MeetingForm
from structure.models import Group, Membership, MembershipKind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]

DEMO_PASSWORD = "samverkan-demo"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def sign_in(page: Page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()


def nav(page: Page):
    return page.get_by_role("navigation", name="Huvudmeny")


def book_lsg_meeting(day: datetime.date, **extra):
    start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=STOCKHOLM)
    return meeting_services.book_meeting(
        group=Group.objects.get(slug="lsg"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        form=MeetingForm.IN_PERSON,
        location="Regionens hus",
        by=User.objects.get(username="koordinator"),
        **extra,
    )


def test_public_reads_the_structure_without_javascript(site, new_page):
    page = new_page(javascript=False)
    page.goto("/")
    chart = page.get_by_role(
        "group", name="Samverkansstrukturen för vård och omsorg i Västerbotten"
    )
    expect(chart).to_be_visible()

    # The chart's own box for LSG is a link; the list under it is the text alternative.
    expect(page.get_by_role("link", name="LSG", exact=True)).to_have_attribute(
        "href", "/grupper/lsg/"
    )
    page.get_by_role("link", name="LSG – Länssamverkansgruppen").click()
    expect(page).to_have_url(re.compile(r"/grupper/lsg/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Länssamverkansgruppen")
    expect(page.get_by_role("heading", name="Uppdragsbeskrivning")).to_be_visible()

    members = page.get_by_role("table", name=re.compile("^Nuvarande ledamöter"))
    lsg_members = Membership.objects.filter(
        group__slug="lsg", kind=MembershipKind.ORDINARY
    ).select_related("person")
    for membership in lsg_members[:3]:
        expect(members).to_contain_text(membership.person.full_name)
    assert "@" not in members.inner_text()
    expect(page.locator("a[href^='mailto:']")).to_have_count(0)

    nav(page).get_by_role("link", name="Huvudmän").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De 16 huvudmännen")
    expect(page.get_by_role("main")).to_contain_text("2482")

    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tillgänglighetsredogörelse")


def test_case_from_proposal_to_registered_decision(site, new_page):
    today = timezone.localdate()
    year = today.year
    meeting = book_lsg_meeting(today - datetime.timedelta(days=30))
    decided_on = today - datetime.timedelta(days=7)
    title = "Gemensam rutin för trygg hemgång"
    page = new_page()

    # A member of LSG raises the case.
    sign_in(page, "ledamot")
    nav(page).get_by_role("link", name="Ärenden").click()
    page.get_by_role("link", name="Väck ett ärende").click()
    page.get_by_label("Grupp").select_option(label="Länssamverkansgruppen")
    page.get_by_label("Rubrik").fill(title)
    page.get_by_label("Kort ärendebeskrivning").fill("Utskrivningar från slutenvården brister.")
    page.get_by_label("Förslag till åtgärd eller frågeställning").fill(
        "Ta fram en gemensam rutin för hemgång."
    )
    page.get_by_role("button", name="Registrera ärendet").click()
    register_number = f"SVO {year}/0001"
    expect(page.get_by_role("status")).to_contain_text(
        f"Ärendet är registrerat som {register_number}."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("main")).to_contain_text(register_number)
    sign_out(page)

    # The coordinator records LSG's recommendation and expedites it to the 16 principals.
    sign_in(page, "koordinator")
    nav(page).get_by_role("link", name="Ärenden").click()
    page.get_by_role("link", name=title).click()
    adopt = page.locator("form").filter(
        has=page.get_by_role("textbox", name="Att-satser, en per rad")
    )
    adopt.get_by_label("Möte där beslutet fattades").select_option(
        label=f"LSG {meeting.local_date:%Y-%m-%d}"
    )
    adopt.get_by_label("Rubrik").fill(title)
    adopt.get_by_label("Att-satser, en per rad").fill("att anta rutinen")
    adopt.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("status")).to_contain_text("Rekommendationen är antagen.")
    page.get_by_role("link", name="Expediera till 16 huvudmän").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Expediera rekommendationen")
    page.get_by_role("button", name="Bekräfta och expediera till 16 huvudmän").click()
    expect(page.get_by_role("status")).to_contain_text("Rekommendationen är expedierad")
    sign_out(page)

    # Umeå's registrar registers the decision.
    sign_in(page, "registrator-umea")
    nav(page).get_by_role("link", name="Registrera beslut").click()
    waiting = page.get_by_role("table", name="Expedierade rekommendationer utan registrerat beslut")
    expect(waiting).to_contain_text(f"{register_number} {title}")
    waiting.get_by_role("link", name="Registrera beslut för Umeå").click()
    page.get_by_label("Bifall", exact=True).check()
    page.get_by_label("Beslutsinstans").select_option(label="Socialnämnden (Umeå)")
    page.get_by_label("Beslutsdatum").fill(f"{decided_on:%Y-%m-%d}")
    page.get_by_label("Paragraf eller hänvisning").fill("§ 12")
    page.get_by_role("button", name="Registrera beslutet").click()
    expect(page.get_by_role("status")).to_contain_text("Beslutet för Umeå är registrerat.")
    sign_out(page)

    # Anyone sees the decision status, without JavaScript.
    public = new_page(javascript=False)
    public.goto("/")
    nav(public).get_by_role("link", name="Beslutsstatus").click()
    card = public.get_by_role("listitem").filter(has=public.get_by_role("heading", name=title))
    expect(card).to_contain_text("1 av 16 har beslutat: 1 bifall")
    card.get_by_role("link", name=title).click()
    expect(public.get_by_role("heading", level=1)).to_have_text(title)
    umea = public.get_by_role("row").filter(has=public.get_by_role("rowheader", name="Umeå"))
    expect(umea).to_contain_text("Bifall")
    expect(umea).to_contain_text("§ 12")


def test_member_reports_absence_and_the_substitute_is_called(site, new_page):
    meeting = book_lsg_meeting(timezone.localdate() + datetime.timedelta(days=21))
    member = User.objects.get(username="ledamot")
    seat = Membership.objects.get(
        group__slug="lsg", person=member.person, kind=MembershipKind.ORDINARY
    )
    substitute = seat.substitutes.get().person
    coordinator_email = User.objects.get(username="koordinator").email
    page = new_page()

    sign_in(page, "ledamot")
    nav(page).get_by_role("link", name="Mina möten").click()
    page.get_by_role("main").get_by_role("link", name="Länssamverkansgruppen").click()
    expect(page).to_have_url(re.compile(f"{meeting.get_absolute_url()}$"))
    page.get_by_role("button", name="Anmäl frånvaro").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Din ersättare {substitute.full_name} har kallats in"
    )
    expect(page.get_by_role("region", name="Frånvaro")).to_contain_text(
        f"{substitute.full_name} är kallad som ersättare"
    )
    recipients = [address for message in mail.outbox for address in message.to]
    assert coordinator_email in recipients
    assert substitute.email in recipients

    # The member can come after all: withdrawing tells the substitute who was called.
    mail.outbox.clear()
    page.get_by_role("button", name="Återkalla frånvaron").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Din ersättare {substitute.full_name} har fått besked om att inte komma"
    )
    expect(page.get_by_role("button", name="Anmäl frånvaro")).to_be_visible()
    recipients = [address for message in mail.outbox for address in message.to]
    assert substitute.email in recipients and coordinator_email in recipients


def test_case_page_fields_have_their_own_labels(site, new_page):
    book_lsg_meeting(timezone.localdate() - datetime.timedelta(days=30))
    case = case_services.raise_case(
        group=Group.objects.get(slug="lsg"),
        by=User.objects.get(username="ledamot"),
        title="Märkta fält",
        description="Varje fält ska ha sin egen etikett.",
        proposal="Ge formulären prefix.",
    )
    page = new_page()
    sign_in(page, "koordinator")
    page.goto(case.get_absolute_url())
    adopt = page.locator("form").filter(
        has=page.get_by_role("textbox", name="Att-satser, en per rad")
    )
    assert adopt.get_by_label("Möte där beslutet fattades").count() == 1
    # "Bedöm hemvist" and "Registrera behandling" each have a group and a note field.
    assert page.get_by_label("Grupp", exact=True).count() == 2
    assert page.get_by_label("Anteckning", exact=True).count() == 2
