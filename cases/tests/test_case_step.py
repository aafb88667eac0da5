"""The case page names the case's step in the same words as the case list (`CaseStep`, through
`selectors.step_label`), not the stored status "Pågår"."""

from django.urls import reverse

from cases.selectors import CaseStep
from testing import builders
from testing.html import elements, visible_text
from testing.queries import signed_in


def _list_step(client, case) -> str:
    html = client.get(reverse("cases:case_list")).content
    for row in elements(html, "td"):
        if row.attrs.get("data-label") == "Steg":
            return " ".join("".join(row.text).split())
    raise AssertionError("no step in the list")


def _lead(client, case) -> str:
    html = client.get(case.get_absolute_url()).content
    lead = next(e for e in elements(html, "p") if "lead" in (e.attrs.get("class") or ""))
    return " ".join("".join(lead.text).split())


def test_a_case_being_prepared_says_the_same_step_on_its_page_as_in_the_list(structure):
    coordinator = builders.coordinator_user()
    case = builders.case(by=coordinator)
    client = signed_in(coordinator)
    assert _list_step(client, case) == CaseStep.PREPARING.label
    assert CaseStep.PREPARING.label in _lead(client, case)
    assert "Pågår" not in visible_text(client.get(case.get_absolute_url()).content)


def test_a_case_at_the_principals_says_decided_of_addressed_on_its_page_as_in_the_list(structure):
    coordinator = builders.coordinator_user()
    case = builders.case(by=coordinator)
    builders.recommendation(case, by=coordinator, principals=("umea", "vannas"), expedited=True)
    client = signed_in(coordinator)
    step = _list_step(client, case)
    assert step == f"{CaseStep.AT_PRINCIPALS.label} 0/2"
    assert step in _lead(client, case)
