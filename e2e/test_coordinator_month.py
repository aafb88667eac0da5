"""The coordinator's month in a real browser, without the Django admin (#18, "Done when").

Signed in as the demo coordinator, from the desk and the product's own forms:
a. reports a new member and seats them with a substitute; the group's rules check stays clean;
b. records a review from its desk row;
c. expedites a recommendation from the desk, after its preview;
d. plans next year for LSG from this year's pattern, moving the date a holiday fell on;
e. opens a survey round after its preview;
f. acknowledges a late desk row, which folds under "Kvitterade".

No page visited is under /admin/. axe-core finds no serious or critical violation on any page
visited, on a desktop, and the key pages are walked again on a 320 px phone (axe, no sideways
scroll, no duplicate id). The data the demo people lack (a recommendation to expedite, one
waiting for decisions, this year's LSG meetings) is built with `testing/builders.py` and the
services before the browser starts. Set E2E_SCREENSHOTS to a directory to keep a screenshot of
each step there.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from cases.models import Recommendation
from desk.models import DutyNote
from e2e.axe import DESKTOP, NARROW_PHONE, axe_violations
from e2e.conftest import CHROMIUM
from e2e.test_accessibility import sideways_and_duplicate_ids
from e2e.test_journeys import sign_in
from followup.models import SurveyInvitation
from meetings import calendar, planning
from meetings.models import Meeting
from onboarding import selectors as onboarding_selectors
from onboarding.models import NewMember
from reviews.models import Review
from structure.models import Group, Membership, MembershipKind, Position, Principal
from testing import builders

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]

SHOTS = os.environ.get("E2E_SCREENSHOTS", "")


class Walk:
    """The pages the coordinator reaches: every navigation is recorded, and each page arrived
    at is checked with axe (and photographed when E2E_SCREENSHOTS is set)."""

    def __init__(self, page: Page, axe_script: Path):
        self.page, self.axe_script = page, axe_script
        self.visited: list[str] = []
        self.problems: list[str] = []
        self.shots = 0
        page.on(
            "request",
            lambda r: self.visited.append(r.url) if r.is_navigation_request() else None,
        )

    def arrived(self, name: str) -> None:
        self.page.wait_for_load_state()
        self.problems += [line for _, line in axe_violations(self.page, self.axe_script)]
        if SHOTS:
            self.shots += 1
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=f"{SHOTS}/{self.shots:02d}-{name}.png", full_page=True)

    def paths(self) -> list[str]:
        return [urlsplit(url).path for url in self.visited]


def _holiday_pattern_day(year: int) -> tuple[datetime.date, datetime.date]:
    """A day in `year` whose pattern day next year (same weekday and week of the month) is a
    public holiday on a working weekday: (this year's day, next year's holiday)."""
    day = datetime.date(year, 1, 1)
    while day.year == year:
        target = planning.pattern_day(day, year + 1)
        if day.weekday() < 5 and target.weekday() < 5 and calendar.holiday_name(target):
            return day, target
        day += datetime.timedelta(days=1)
    raise AssertionError(f"no holiday on a weekday in {year + 1}")


def _working_day_after(day: datetime.date) -> datetime.date:
    day += datetime.timedelta(days=1)
    while day.weekday() >= 5 or calendar.holiday_name(day):
        day += datetime.timedelta(days=1)
    return day


@pytest.fixture
def month(site):
    """What the month needs beyond the demo people, built before the browser starts."""
    today = timezone.localdate()
    coordinator = User.objects.get(username="koordinator")
    submitter = User.objects.get(username="ledamot").person
    # This year's LSG meetings (the recommendations below are adopted at them): one whose
    # pattern day next year is a holiday, one ordinary.
    holiday_source, holiday = _holiday_pattern_day(today.year)
    ordinary_source = datetime.date(today.year, 9, 1)
    while ordinary_source.weekday() != 3:  # a Thursday in early September
        ordinary_source += datetime.timedelta(days=1)
    # A recommendation adopted at LSG's last meeting, not yet expedited.
    to_expedite = builders.recommendation(
        builders.case(by=coordinator, title="Rutin för trygg hemgång", submitted_by=submitter),
        by=coordinator,
        day=ordinary_source,
        title="Rutin för trygg hemgång",
    )
    # One expedited half a year ago that no principal has decided on: a late desk row.
    waiting = builders.recommendation(
        builders.case(by=coordinator, title="Gemensam SIP-mall", submitted_by=submitter),
        by=coordinator,
        principals=("umea",),
        expedited=True,
        day=holiday_source,
        title="Gemensam SIP-mall",
    )
    # The builders' meetings have no place; an in-person meeting is booked with one.
    Meeting.objects.filter(group__slug="lsg").update(location="Regionens hus")
    Recommendation.objects.filter(pk=waiting.pk).update(
        expedited_at=timezone.now() - datetime.timedelta(days=200)
    )
    # Nora, the new member, takes over the seat of an Umeå member of LSG (the principal has
    # its two seats filled: the seat rules refuse a third).
    predecessor = (
        Membership.objects.current(today)
        .filter(group__slug="lsg", kind=MembershipKind.ORDINARY, person__principal__slug="umea")
        .exclude(position__in=[Position.CHAIR, Position.VICE_CHAIR])
        .exclude(person__user__isnull=False)
        .select_related("person")
        .first()
    )
    mail.outbox.clear()
    return {
        "today": today,
        "predecessor": predecessor,
        "to_expedite": to_expedite,
        "waiting": waiting,
        "holiday": holiday,
        "moved_to": _working_day_after(holiday),
        "ordinary_next": planning.pattern_day(ordinary_source, today.year + 1),
    }


def desk_row(page: Page, title: str | re.Pattern):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))


def test_a_coordinators_month_without_the_admin(month, new_page, axe_script):
    today = month["today"]
    lsg = Group.objects.get(slug="lsg")
    umea = Principal.objects.get(slug="umea")
    page = new_page(viewport=DESKTOP, bypass_csp=True)
    walk = Walk(page, axe_script)

    sign_in(page, "koordinator")
    page.goto("/att-gora/")
    expect(page.get_by_role("heading", name="Att göra", level=1)).to_be_visible()
    walk.arrived("desk")

    # a. A new member reported, then seated with a substitute through the product's forms.
    page.get_by_role("main").get_by_role("link", name="Anmäl ny ledamot").click()
    walk.arrived("report-form")
    page.get_by_label("Grupp").select_option(label=lsg.name)
    page.get_by_label("Förnamn").fill("Nora")
    page.get_by_label("Efternamn").fill("Nyström")
    page.get_by_label("E-post").fill("nora.nystrom@umea.example")
    page.get_by_label("Huvudman").select_option(label=umea.name)
    page.get_by_label("Typ av plats").select_option(label="Ordinarie ledamot")
    predecessor = month["predecessor"]
    page.get_by_label("Kommentar").fill(f"Ersätter {predecessor.person.full_name}.")
    page.get_by_role("button", name="Skicka anmälan").click()
    expect(page.get_by_role("status")).to_contain_text("Koordinatorn har fått anmälan")
    walk.arrived("reported")
    new_member = NewMember.objects.get(last_name="Nyström")

    page.goto("/att-gora/")
    page.get_by_role("link", name=re.compile("^Ny ledamot Nora Nyström i ")).click()
    expect(page.get_by_role("heading", name="Nora Nyström", level=1)).to_be_visible()
    walk.arrived("checklist")
    page.get_by_role("link", name="Lägg in person och plats från anmälan").click()
    expect(page.get_by_label("Ny person: förnamn")).to_have_value("Nora")
    walk.arrived("seat-from-report")
    page.get_by_label("Företrädare vars plats avslutas").select_option(str(predecessor.pk))
    page.get_by_role("button", name="Tillsätt plats").click()
    # The ordinary seat has no substitute yet: the checklist says so and links the remedy.
    flagged = page.get_by_role("alert").filter(has_text="Listan kan inte bli klar ännu")
    expect(flagged).to_contain_text("ersättare")
    walk.arrived("seat-flagged")
    seat = Membership.objects.get(person__last_name="Nyström", group=lsg)
    predecessor.refresh_from_db()
    assert predecessor.end_date == today - datetime.timedelta(days=1)
    new_member.refresh_from_db()
    assert onboarding_selectors.seat_flags(new_member, today), "the check can fail"

    flagged.get_by_role("link", name="Tillsätt en ersättare").click()
    expect(page.get_by_label("Typ av plats")).to_have_value(MembershipKind.SUBSTITUTE)
    walk.arrived("substitute-form")
    page.get_by_label("Ny person: förnamn").fill("Sixten")
    page.get_by_label("Ny person: efternamn").fill("Svensson")
    page.get_by_label("Ny person: huvudman").select_option(label=umea.name)
    page.get_by_label("Ny person: e-post").fill("sixten.svensson@umea.example")
    page.get_by_role("button", name="Tillsätt plats").click()
    expect(page.get_by_role("status")).to_contain_text("Sixten Svensson är")
    walk.arrived("group-with-substitute")
    assert seat.substitutes.get().person.last_name == "Svensson"

    page.get_by_role("link", name="Regelkontroll för gruppen").click()
    expect(page.get_by_role("heading", name="Regelkontroll", level=1)).to_be_visible()
    walk.arrived("rules-check")
    expect(page.get_by_role("main")).not_to_contain_text("Nora Nyström")
    assert onboarding_selectors.seat_flags(new_member, today) == []

    # b. A review recorded from its desk row: the form comes with group and kind chosen.
    page.goto("/att-gora/")
    review_link = page.locator("a[href^='/revisioner/?grupp=']").first
    review_title = review_link.inner_text()
    reviews_before = Review.objects.count()
    review_link.click()
    expect(page.get_by_role("heading", name="Registrera en revision")).to_be_visible()
    walk.arrived("review-form")
    assert page.get_by_label("Grupp", exact=True).input_value(), "the desk row chose the group"
    page.get_by_label("Datum", exact=True).fill(f"{today:%Y-%m-%d}")
    page.get_by_label("Resultat").fill("Uppdraget gäller oförändrat.")
    page.get_by_role("button", name="Registrera", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Revisionen är registrerad.")
    walk.arrived("review-recorded")
    assert Review.objects.count() == reviews_before + 1
    page.goto("/att-gora/")
    expect(page.get_by_role("link", name=review_title, exact=True)).to_have_count(0)

    # c. Expedited from the desk, after the preview of who gets it.
    recommendation = month["to_expedite"]
    # The live server commits each request, so on-commit mail reaches the outbox: the report of
    # step a told the coordinator. Cleared, so the registrars' mails below are this step's own.
    assert mail.outbox, "on-commit mail from the live server never reached the outbox"
    mail.outbox.clear()
    desk_row(page, re.compile("Expediera rekommendationen Rutin för trygg hemgång")).get_by_role(
        "link"
    ).first.click()
    expect(page.get_by_role("heading", name="Expediera rekommendationen")).to_be_visible()
    walk.arrived("expedite-preview")
    # The preview changes nothing: the recommendation is not expedited (its mails follow that).
    recommendation.refresh_from_db()
    assert recommendation.expedited_at is None
    page.get_by_role("button", name=re.compile("^Bekräfta och expediera till")).click()
    expect(page.get_by_role("status")).to_contain_text("Rekommendationen är expedierad")
    walk.arrived("expedited")
    recommendation.refresh_from_db()
    assert recommendation.expedited_at is not None
    registrars = set(
        User.objects.filter(registrar_for__isnull=False)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    assert registrars and registrars <= {a for m in mail.outbox for a in m.to}

    # d. Next year planned for LSG from this year's pattern; the holiday is flagged and moved.
    next_year = today.year + 1
    page.goto(lsg.get_absolute_url())
    walk.arrived("group-page")
    page.get_by_role("link", name=f"Planera nästa år för {lsg.name}").click()
    expect(page.get_by_role("heading", name=f"Planera {next_year}")).to_be_visible()
    walk.arrived("plan-preview")
    flagged_row = page.locator("tbody tr").filter(has=page.locator(".badge-warning"))
    expect(flagged_row).to_have_count(1)
    expect(flagged_row).to_contain_text("ingen arbetsdag")
    date_field = flagged_row.get_by_label(re.compile(f"^Datum {next_year}"))
    expect(date_field).to_have_value(f"{month['holiday']:%Y-%m-%d}")
    date_field.fill(f"{month['moved_to']:%Y-%m-%d}")
    page.get_by_role("button", name="Boka alla möten som inte är markerade").click()
    expect(page.get_by_role("status")).to_contain_text(f"möten är bokade för {next_year}")
    walk.arrived("planned")
    booked = set(
        Meeting.objects.filter(group=lsg, starts_at__year=next_year).values_list(
            "starts_at", flat=True
        )
    )
    days = {timezone.localtime(at).date() for at in booked}
    assert month["moved_to"] in days and month["ordinary_next"] in days
    assert month["holiday"] not in days

    # e. A survey round opened after its preview of the recipients.
    page.goto("/uppfoljning/hantera/")
    walk.arrived("follow-up-manage")
    page.get_by_label("Rubrik").fill("Enkät om samverkan")
    page.get_by_label("År", exact=True).fill(str(today.year))
    page.get_by_label("Sista svarsdag").fill(f"{today + datetime.timedelta(days=30):%Y-%m-%d}")
    page.get_by_role("button", name="Förhandsgranska utskicket").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Förhandsvisning: \d+ mottagare"))
    expect(heading).to_be_visible()
    walk.arrived("survey-preview")
    recipients = int(re.search(r"(\d+) mottagare", heading.inner_text()).group(1))
    assert recipients > 0 and not SurveyInvitation.objects.exists()
    page.get_by_role("button", name=re.compile("Öppna enkäten och skicka")).click()
    expect(page.get_by_text("Enkäten är öppnad")).to_be_visible()
    walk.arrived("survey-opened")
    assert SurveyInvitation.objects.count() == recipients

    # f. A late row acknowledged with a reason: it folds under "Kvitterade".
    page.goto("/att-gora/")
    late = desk_row(page, re.compile("^Beslut saknas från 1 huvudman: Gemensam SIP-mall"))
    expect(late).to_have_count(1)
    late.get_by_text("Kvittera eller skjut upp").click()
    late.get_by_label("Varför kvitteras den?").fill("Umeå behandlar den i januari.")
    walk.arrived("acknowledge-open")
    late.get_by_role("button", name="Kvittera").click()
    walk.arrived("acknowledged")
    expect(late).to_have_count(0)
    folded = page.locator("details.duty-acknowledged").filter(
        has=page.get_by_text(re.compile(r"^Kvitterade \(\d+\)"))
    )
    expect(folded).to_have_count(1)
    folded.get_by_text(re.compile(r"^Kvitterade")).click()
    expect(folded).to_contain_text("Gemensam SIP-mall")
    expect(folded).to_contain_text("Umeå behandlar den i januari.")
    assert DutyNote.objects.filter(reason="Umeå behandlar den i januari.").exists()

    # Never the admin, and every page passed axe.
    paths = walk.paths()
    assert len(paths) > 15 and "/att-gora/" in paths
    assert [p for p in paths if p.startswith("/admin/")] == []
    assert walk.problems == [], "\n".join(walk.problems)

    # The key pages again on a 320 px phone.
    phone = new_page(viewport=NARROW_PHONE, bypass_csp=True)
    sign_in(phone, "koordinator")
    problems = []
    for url in [
        "/att-gora/",
        "/nya-ledamoter/",
        f"/nya-ledamoter/{new_member.pk}/",
        f"/platser/tillsatt/?grupp={lsg.pk}&typ=substitute&ersatter={seat.pk}",
        f"/regelkontroll/?grupp={lsg.pk}",
        f"/revisioner/?grupp={lsg.pk}",
        f"/beslut/{recommendation.pk}/expediera/forhandsgranska/",
        f"/planering/nasta-ar/?grupp={lsg.pk}&ar={next_year}",
        "/uppfoljning/hantera/",
    ]:
        response = phone.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        problems += [line for _, line in axe_violations(phone, axe_script)]
        problems += sideways_and_duplicate_ids(phone)
    assert problems == [], "\n".join(problems)
