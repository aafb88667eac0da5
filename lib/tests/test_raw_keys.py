"""No raw key on any page a role can reach (#18, "Done when"): signed in as each role, the crawl
follows every same-site link from the start page, the desk and Mitt, and every page's visible
text is read for a choice value shown instead of its label, a template leftover, `None` or a
dotted message key (`testing/raw_keys.py`). The last tests are the checker's positive twins."""

from __future__ import annotations

import pytest

from accounts.models import User
from demo.cases import load_case_demo
from demo.coordinator import load_coordinator_demo
from demo.followup import load_followup_demo
from demo.meetings import load_meeting_demo
from testing.queries import signed_in
from testing.raw_keys import choice_keys, crawl, raw_keys

# Label -> the demo account (None: a visitor).
ROLES = {
    "besökare": None,
    "ledamot": "ledamot",
    "ordförande": "ordforande",
    "registrator": "registrator-umea",
    "koordinator": "koordinator",
}
STARTS = ["/", "/start/", "/att-gora/", "/mitt/"]
PAGES_PER_ROLE = 400


@pytest.mark.slow
def test_no_page_any_role_reaches_shows_a_raw_key(demo):
    load_meeting_demo()
    load_case_demo()
    load_followup_demo()
    load_coordinator_demo()
    failing, reached = [], {}
    for role, username in ROLES.items():
        user = User.objects.get(username=username) if username else None
        pages = 0
        for url, status, html in crawl(signed_in(user), STARTS, limit=PAGES_PER_ROLE):
            pages += 1
            assert status < 500, f"{role}: {url} answered {status}"
            failing += [f"{role}: {url}: {found}" for found in raw_keys(html)]
        reached[role] = pages
    # The crawl reached the pages behind the sign-in, not only the public ones (it can fail).
    assert reached["koordinator"] > reached["besökare"] > 20, reached
    assert failing == [], f"{len(failing)} raw keys:\n" + "\n".join(failing)


# --- The checker's positive twins ------------------------------------------------------------


def test_choice_keys_are_the_models_stored_values_not_swedish_words():
    keys = choice_keys()
    assert {"vice_chair", "in_approval", "chair_and_checker", "draft"} <= keys
    assert "region" not in keys and "regional_" not in keys
    assert "E1" not in keys  # a survey goal's code is shown with its statement on purpose


@pytest.mark.parametrize(
    ("shown", "found"),
    [
        ("<td>vice_chair</td>", "choice value 'vice_chair'"),
        ("<p>Status: in_approval</p>", "choice value 'in_approval'"),
        ("<p>Protokollet är draft.</p>", "choice value 'draft'"),
        ("<li>Justeras av chair: Anna</li>", "choice value 'chair'"),
        ("<p>Hej {{ person.first_name }}</p>", "template leftover '{{'"),
        ("<p>{% trans 'x' %}</p>", "template leftover '{%'"),
        ("<dd>None</dd>", "'None'"),
        ("<p>desk.kind.review</p>", "dotted key 'desk.kind.review'"),
    ],
)
def test_a_page_with_a_raw_key_is_caught(shown, found):
    page = f"<html><body><main><h1>Sida</h1>{shown}</main></body></html>"
    assert found in raw_keys(page)


def test_a_page_that_reads_well_passes():
    page = (
        "<html><head><title>vice_chair</title><script>var a = {{b}};</script></head><body>"
        "<main><h1>Vice ordförande</h1><p>Regionen och kommunerna, ett hybridmöte.</p>"
        "<p>Skriv till koordinator@region-vasterbotten.example eller www.example.se.</p>"
        '<a href="/kalender/alla.ics" data-x="in_approval">Prenumerera på alla.ics</a>'
        "<p>Api-token, Nonexistent, Nonesuch.</p></main></body></html>"
    )
    assert raw_keys(page) == []
