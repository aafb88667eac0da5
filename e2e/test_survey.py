"""A survey journey in a real browser: the coordinator opens a round, a member answers from the
link in the mail with JavaScript switched off, and the link cannot be used again."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from e2e.conftest import CHROMIUM
from followup.models import SurveyInvitation, SurveyTally

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"
    ),
]


def test_a_member_answers_the_survey_from_the_mailed_link(site, new_page):
    coordinator = new_page()
    coordinator.goto("/logga-in/")
    coordinator.get_by_label("Användarnamn").fill("koordinator")
    coordinator.get_by_label("Lösenord").fill("samverkan-demo")
    coordinator.get_by_role("button", name="Logga in").click()
    coordinator.goto("/uppfoljning/hantera/")
    coordinator.get_by_label("Rubrik").fill("Enkät om samverkan")
    coordinator.get_by_label("År", exact=True).fill("2026")
    coordinator.get_by_label("Sista svarsdag").fill("2099-12-31")
    coordinator.get_by_role("button", name="Förhandsgranska utskicket").click()
    expect(coordinator.get_by_role("heading", name=re.compile("Förhandsvisning"))).to_be_visible()
    # The preview writes nothing: no invitation exists, so no link can have been mailed (the
    # mail read below after the confirmation shows that the invitations are what is mailed).
    assert not SurveyInvitation.objects.exists()
    coordinator.get_by_role("button", name=re.compile("Öppna enkäten och skicka")).click()
    expect(coordinator.get_by_text("Enkäten är öppnad")).to_be_visible()

    message = mail.outbox[0]
    link = re.search(r"https?://\S+/enkat/[\w-]+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    member = new_page(javascript=False)
    member.goto(path)
    for code, value in (("E1", "5"), ("E2", "4"), ("E3", "2"), ("E4", "4"), ("E5", "3")):
        statement = member.get_by_role("group", name=re.compile(_statement(code)))
        statement.get_by_label(value, exact=True).check()
    member.get_by_role("button", name="Skicka svaren").click()
    expect(member.get_by_role("heading", name="Tack för dina svar")).to_be_visible()
    counted = {(t.goal, t.value): t.count for t in SurveyTally.objects.filter(count__gt=0)}
    assert counted == {("E1", 5): 1, ("E2", 4): 1, ("E3", 2): 1, ("E4", 4): 1, ("E5", 3): 1}
    assert SurveyInvitation.objects.filter(answered=True).count() == 1

    member.goto(path)
    expect(member.get_by_role("heading", name="Länken fungerar inte")).to_be_visible()


def _statement(code: str) -> str:
    from followup.goals import EFFECT_GOALS

    return re.escape(next(g.statement for g in EFFECT_GOALS if g.code == code))
