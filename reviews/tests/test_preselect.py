"""GET /revisioner/?grupp=<slug>&revision=<kind>: a desk row opens the review form with its
group and kind chosen; anything else opens it empty, never a 500 (#18)."""

import pytest
from django.urls import reverse

from structure.models import Group
from testing.builders import coordinator_user
from testing.html import elements
from testing.queries import signed_in

pytestmark = pytest.mark.django_db
URL = reverse("reviews:overview")


def _selected(response, name) -> list[str]:
    html = response.content.decode()
    form = html[html.index(f'name="{name}"') :]
    form = form[: form.index("</select>")]
    return [o.attrs.get("value") for o in elements(form, "option") if "selected" in o.attrs]


def test_the_form_opens_with_the_group_and_kind_of_the_desk_row(structure):
    beredning = Group.objects.get(slug="beredning-vuxna-och-aldre")
    response = signed_in(coordinator_user()).get(
        URL, {"grupp": beredning.slug, "revision": "meeting_forms"}
    )
    assert response.status_code == 200
    assert _selected(response, "group") == [str(beredning.pk)]
    assert _selected(response, "kind") == ["meeting_forms"]


@pytest.mark.parametrize(
    "query",
    [
        {"grupp": "finns-inte", "revision": "meeting_forms"},
        {"grupp": "<b>x</b>", "revision": "' OR 1=1--"},
        {"revision": "nonsense"},
        {"grupp": ["lsg", "samrad"]},
    ],
)
def test_unknown_values_are_ignored(structure, query):
    response = signed_in(coordinator_user()).get(URL, query)
    assert response.status_code == 200
    assert "<b>x</b>" not in response.content.decode()
    if "finns-inte" in str(query) or "<b>" in str(query):
        assert _selected(response, "group") == [""]


def test_a_member_does_not_get_the_form(structure):
    from testing.builders import member_user

    response = signed_in(member_user("alice", "lsg")).get(URL, {"grupp": "lsg"})
    assert response.status_code == 404
