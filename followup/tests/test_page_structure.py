"""The follow-up pages are valid HTML in the places that matter: the sub-menu sits in the page
body, inside the main content after the skip link and header, never inside `<head>` (#18)."""

import pytest
from django.urls import reverse

from testing import builders
from testing.html import duplicate_ids, elements
from testing.queries import signed_in

PAGES = [
    ("followup:overview", ()),
    ("followup:group_measures", ("lsg",)),
    ("followup:indicator_list", ()),
    ("followup:priority_list", ()),
    ("followup:survey_results", ()),
    ("followup:implementation", ()),
    ("followup:manage", ()),
]


@pytest.mark.parametrize("name,args", PAGES, ids=[name for name, _ in PAGES])
def test_the_sub_menu_is_in_the_main_content_not_in_head(structure, name, args):
    response = signed_in(builders.coordinator_user()).get(reverse(name, args=args))
    assert response.status_code == 200
    html = response.content.decode()
    navs = [e for e in elements(html, "nav") if e.attrs.get("aria-label") == "Uppföljning"]
    assert len(navs) == 1
    assert "head" not in navs[0].ancestors and "main" in navs[0].ancestors
    assert html.index("<nav") > html.index("<body")
    assert html.index('aria-label="Uppföljning"') > html.index('class="skip-link"')
    # The stylesheet stays in <head>.
    sheets = [e for e in elements(html, "link") if "followup.css" in (e.attrs.get("href") or "")]
    assert sheets and all("head" in e.ancestors for e in sheets)


@pytest.mark.parametrize("name,args", PAGES, ids=[name for name, _ in PAGES])
def test_no_id_is_used_twice(structure, name, args):
    response = signed_in(builders.coordinator_user()).get(reverse(name, args=args))
    assert len([e for e in elements(response.content) if e.attrs.get("id")]) > 1
    assert duplicate_ids(response.content) == []
