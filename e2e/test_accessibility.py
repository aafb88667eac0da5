"""Accessibility in a real browser: axe-core on every public page and on the signed-in pages the
journeys visit, the error summary after a failed form, and the public site on a phone.

axe-core comes from the npm registry (package-lock.json) and is injected into each page; a page
passes when axe reports no violation of impact "serious" or "critical". Every page is also read
for requirement ids and internal keys, which must never reach the UI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from cases.models import Case, Recommendation
from e2e.axe import DESKTOP, NARROW_PHONE, axe_violations
from e2e.conftest import CHROMIUM
from e2e.test_journeys import DEMO_PASSWORD, sign_in
from followup.models import Indicator, Priority
from meetings.models import Meeting, Minutes, MinutesStatus
from structure.models import Group
from workgroups.models import WorkingGroup

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]

# Findings in templates that other work in progress rewrites (meetings/, cases/): (path, axe rule
# or shown word) -> where it is. They are reported, not failed; remove a line once it is fixed
# (a line that no longer matches anything fails the test, so the list cannot go stale).
KNOWN_ELSEWHERE = {}
PHONE = {"width": 390, "height": 844}
# The narrowest phone the site is made for, and a desktop.
# A requirement id (R-M2, R-S8) or a choices key (chair_and_checker, vice_chair) in visible text.
INTERNAL_WORDS = re.compile(r"\bR-[A-Z]{1,2}\d+\b|\b[a-z]+_[a-z_]+\b|\b(?:chair|checker):")
# Swedish writes month names in lower case: "24 april", never "24 Apr".
CAPITALISED_MONTH = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mar|Apr|Maj|Jun|Jul|Aug|Sep|Okt|Nov|Dec)[a-zä]*\b"
)


def internal_words(page: Page) -> list[tuple[str, str]]:
    text = page.locator("body").inner_text()
    found = [(word, f"{page.url}: shows {word!r}") for word in INTERNAL_WORDS.findall(text)]
    found += [
        ("month", f"{page.url}: capitalised month in {date!r}")
        for date in CAPITALISED_MONTH.findall(text)
    ]
    return found


class Findings:
    """What the checked pages show that they should not, less the findings known elsewhere."""

    def __init__(self):
        self.problems: list[str] = []
        self.known_seen: set[tuple[str, str]] = set()

    def check(self, page: Page, axe_script: Path, urls: list[str]) -> None:
        for url in urls:
            response = page.goto(url)
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            path = url.split("?")[0]
            for key, line in axe_violations(page, axe_script) + internal_words(page):
                known = next(
                    (k for k in KNOWN_ELSEWHERE if path.startswith(k[0]) and k[1] == key), None
                )
                if known:
                    self.known_seen.add(known)
                else:
                    self.problems.append(line)

    def assert_clean(self, known_paths: set[str]) -> None:
        stale = [
            f"fixed, remove from KNOWN_ELSEWHERE: {k}"
            for k in KNOWN_ELSEWHERE
            if k[0] in known_paths and k not in self.known_seen
        ]
        assert self.problems + stale == [], "\n".join(self.problems + stale)


def public_urls() -> list[str]:
    meeting = Meeting.objects.filter(is_public=True, cancelled=False).order_by("-starts_at").first()
    minutes = (
        Minutes.objects.filter(status=MinutesStatus.APPROVED, meeting__group__minutes_public=True)
        .order_by("-approved_at")
        .first()
    )
    recommendation = Recommendation.objects.expedited().order_by("-expedited_at").first()
    own_decisions = Group.objects.filter(decides_itself=True).first()
    assert meeting and minutes and recommendation and own_decisions, "the demo lacks a page"
    return [
        "/",
        "/grupper/",
        "/grupper/lsg/",
        "/huvudman/",
        "/huvudman/umea/",
        "/moten/",
        meeting.get_absolute_url(),
        "/minnesanteckningar/",
        minutes.get_absolute_url(),
        "/beslut/",
        recommendation.get_absolute_url(),
        "/grupper/lsg/balanslista/",
        f"/grupper/{own_decisions.slug}/egna-beslut/",
        f"/patientsakerhet/sammanstallning/?ar={timezone.localdate().year}",
        "/tillganglighet/",
        "/logga-in/",
        f"/moten/manad/{timezone.localdate():%Y-%m}/",
        "/uppfoljning/",
        "/uppfoljning/grupp/lsg/",
        "/uppfoljning/indikatorer/",
        "/uppfoljning/prioriteringar/",
        "/uppfoljning/enkater/",
        "/uppfoljning/genomforande/",
        "/arbetsgrupper/",
        "/arshjul/",
        "/nyheter/",
        "/data/",
        "/sok/?q=v%C3%A5rd",
    ]


def test_public_pages_have_no_serious_accessibility_violations(demo_site, new_page, axe_script):
    findings = Findings()
    findings.check(new_page(bypass_csp=True), axe_script, public_urls())
    findings.assert_clean({"/moten/"})


def test_signed_in_pages_have_no_serious_accessibility_violations(demo_site, new_page, axe_script):
    today = timezone.localdate()
    lsg_meeting = (
        Meeting.objects.filter(group__slug="lsg", starts_at__date__gte=today).first()
        or Meeting.objects.filter(group__slug="lsg").last()
    )
    case = Case.objects.order_by("-pk").first()
    assert lsg_meeting and case, "the demo lacks a page"
    findings = Findings()

    coordinator = new_page(bypass_csp=True)
    sign_in(coordinator, "koordinator")
    findings.check(
        coordinator,
        axe_script,
        [
            "/regelkontroll/",
            f"/planering/?ar={today.year}",
            "/arenden/",
            case.get_absolute_url(),
            f"/moten/{lsg_meeting.pk}/hantera/",
            f"/moten/{lsg_meeting.pk}/hantera/kallelse/",
            "/att-gora/",
            "/revisioner/",
            "/nya-ledamoter/",
            "/granskning/",
            "/uppfoljning/hantera/",
            "/konto/api-nycklar/",
        ],
    )

    member = new_page(bypass_csp=True)
    sign_in(member, "ledamot")
    findings.check(member, axe_script, ["/mitt/", "/mina-moten/", lsg_meeting.get_absolute_url()])

    registrar = new_page(bypass_csp=True)
    sign_in(registrar, "registrator-umea")
    findings.check(registrar, axe_script, ["/registrator/"])

    findings.assert_clean({"/planering/"})


def test_header_shows_the_signed_in_persons_name(site, new_page):
    page = new_page(javascript=False)
    sign_in(page, "ledamot")
    name = User.objects.select_related("person").get(username="ledamot").person.full_name
    expect(page.get_by_role("banner")).to_contain_text(f"Inloggad som {name}")
    expect(page.get_by_role("banner")).not_to_contain_text("ledamot ")


def test_login_page_says_whom_to_contact(transactional_db, new_page, settings):
    page = new_page(javascript=False)
    page.goto("/logga-in/")
    contact = page.get_by_role("link", name=settings.SUPPORT_CONTACT)
    expect(contact).to_have_attribute("href", f"mailto:{settings.SUPPORT_CONTACT}")


def test_failed_form_moves_focus_to_an_error_summary_that_links_to_each_field(
    transactional_db, new_page
):
    page = new_page()
    page.goto("/logga-in/")
    page.get_by_role("button", name="Logga in").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Något behöver rättas: 2 fel i formuläret")
    summary.get_by_role("link", name=re.compile("^Lösenord: ")).click()
    password = page.get_by_label("Lösenord")
    expect(password).to_be_focused()
    expect(password).to_have_attribute("aria-invalid", "true")
    # The field's own message is part of its description, beside the field.
    error_id = password.get_attribute("aria-describedby")
    expect(page.locator(f"#{error_id}")).to_contain_text("fält")


def test_error_summary_comes_first_without_javascript(transactional_db, new_page):
    page = new_page(javascript=False)
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill("ingen")
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    form = page.get_by_role("main").locator("form")
    first = form.locator("> :not(input[type=hidden])").first
    expect(first).to_have_attribute("role", "alert")
    expect(first).to_contain_text("användarnamn")


def test_focus_ring_has_a_dark_ring_and_a_light_halo(transactional_db, new_page):
    page = new_page()
    page.goto("/tillganglighet/")
    for _ in range(40):  # tab past the header to the footer's link, on white
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('footer')"):
            break
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineColor, s.boxShadow]; }"
    )
    assert style[0] == "solid"
    assert style[1] == "rgb(11, 12, 12)"
    assert "rgb(255, 191, 71)" in style[2]


def test_public_site_reads_on_a_phone(demo_site, new_page, axe_script):
    page = new_page(viewport=PHONE, bypass_csp=True)
    findings = Findings()
    sideways = []
    recommendation = Recommendation.objects.filter(expedited_at__isnull=False).first()
    for url in [
        "/",
        "/grupper/lsg/",
        "/huvudman/",
        "/huvudman/umea/",
        "/moten/",
        "/minnesanteckningar/",
        "/beslut/",
        recommendation.get_absolute_url(),
        "/grupper/lsg/balanslista/",
    ]:
        findings.check(page, axe_script, [url])
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            sideways.append(f"{url} scrolls sideways by {overflow}px")
    assert sideways == [], "\n".join(sideways)
    findings.assert_clean({"/moten/", "/grupper/lsg/balanslista/"})

    # The members table is a stack of cards: every cell starts with its column's name.
    page.goto("/grupper/lsg/")
    members = page.get_by_role("table", name=re.compile("^Nuvarande ledamöter"))
    row = members.locator("tbody tr").first
    cells = row.locator("td")
    assert cells.count() >= 2
    tops = [cells.nth(i).bounding_box()["y"] for i in range(cells.count())]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "cells sit side by side"
    label = cells.first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Huvudman: "'

    # The region around a wide table is named by its caption and reachable with the keyboard.
    page.goto("/huvudman/")
    region = page.get_by_role("region", name="Huvudmän med kommun-/länskod och gruppering")
    expect(region).to_have_attribute("tabindex", "0")


def sideways_and_duplicate_ids(page: Page) -> list[str]:
    """What makes the page scroll sideways or breaks its labels: the overflow in px, the ids
    that more than one element carries (the rendered page, after the script has run)."""
    overflow, duplicates = page.evaluate(
        """() => {
            const root = document.documentElement;
            const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
            return [root.scrollWidth - root.clientWidth,
                    [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))]];
        }"""
    )
    problems = [f"{page.url} scrolls sideways by {overflow}px"] if overflow > 0 else []
    return problems + [f"{page.url}: id {i!r} is used more than once" for i in duplicates]


def test_calendar_working_groups_minutes_and_follow_up_fit_a_phone_and_a_desktop(
    demo_site, new_page, axe_script
):
    """The phone walk of #18: the month view, the working-group pages, minutes waiting for
    approval and the follow-up pages, as the public and as the coordinator, on a 320 px phone and
    on a desktop: no sideways scroll, no duplicate id, axe clean, no internal word."""
    today = timezone.localdate()
    coming = (
        Meeting.objects.filter(is_public=True, cancelled=False, starts_at__date__gte=today)
        .order_by("starts_at")
        .first()
    )
    extended = WorkingGroup.objects.filter(extensions__isnull=False).first()
    in_approval = Minutes.objects.filter(status=MinutesStatus.IN_APPROVAL).first()
    indicator, priority = Indicator.objects.first(), Priority.objects.first()
    assert coming and extended and in_approval and indicator and priority, "the demo lacks a page"
    months = {f"/moten/manad/{today:%Y-%m}/", f"/moten/manad/{coming.local_date:%Y-%m}/"}
    public = [
        *sorted(months),
        "/moten/",
        "/arshjul/",
        "/arbetsgrupper/",
        *(wg.get_absolute_url() for wg in WorkingGroup.objects.order_by("pk")),
        "/uppfoljning/",
        "/uppfoljning/grupp/lsg/",
        "/uppfoljning/indikatorer/",
        indicator.get_absolute_url(),
        "/uppfoljning/prioriteringar/",
        priority.get_absolute_url(),
        "/uppfoljning/enkater/",
        "/uppfoljning/genomforande/",
    ]
    coordinator_pages = [
        f"/moten/manad/{coming.local_date:%Y-%m}/",
        "/mina-moten/",
        extended.get_absolute_url(),
        "/arbetsgrupper/ny/",
        in_approval.get_absolute_url(),
        "/uppfoljning/hantera/",
    ]
    findings = Findings()
    sideways = []
    for viewport in (NARROW_PHONE, DESKTOP):
        visitor = new_page(viewport=viewport, bypass_csp=True)
        coordinator = new_page(viewport=viewport, bypass_csp=True)
        sign_in(coordinator, "koordinator")
        for page, urls in ((visitor, public), (coordinator, coordinator_pages)):
            for url in urls:
                findings.check(page, axe_script, [url])
                sideways += sideways_and_duplicate_ids(page)
    assert sideways == [], "\n".join(sideways)
    findings.assert_clean(set())

    # On the phone the month is a list of the days with meetings, each day written out.
    phone = new_page(viewport=NARROW_PHONE)
    phone.goto(f"/moten/manad/{coming.local_date:%Y-%m}/")
    day = phone.locator("td.has-meetings").first
    expect(day.locator(".day-name").first).to_be_visible()
    expect(phone.locator("td.no-meetings").first).to_be_hidden()
    expect(phone.get_by_role("link", name=re.compile(r"^\d\d:\d\d ")).first).to_be_visible()
    # The feed address is there to copy, read-only.
    address = phone.get_by_label("Kalenderadress")
    expect(address).to_have_attribute("readonly", "")
    expect(address).to_have_value(re.compile(r"/kalender/alla\.ics$"))


STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def test_pages_need_no_inline_script_or_style(site, new_page):
    """Under a policy without 'unsafe-inline' nothing is blocked and the script still runs."""
    page = new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )

    def with_strict_csp(route):
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    page.route("**/*", with_strict_csp)
    for url in ["/", "/grupper/", "/grupper/lsg/", "/huvudman/umea/", "/tillganglighet/"]:
        page.goto(url)
    page.goto("/logga-in/")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_be_focused()  # site.js ran
    # A fetch still in flight (the favicon) must not fail the next test when the context closes.
    page.unroute_all(behavior="ignoreErrors")
    assert blocked == [], "\n".join(blocked)
