"""The desk's filters by kind and group, the folded "äldre" rows and its query count (#18)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from desk import selectors, services
from desk.models import NoteAction
from structure.models import Group
from testing import builders
from testing.html import elements, visible_text
from testing.queries import page_queries, signed_in

pytestmark = pytest.mark.django_db
URL = reverse("desk:desk")


@pytest.fixture
def coordinator(structure):
    return builders.coordinator_user()


def _shown(response):
    return [d for s in response.context["sections"] for d in s.duties]


def test_filter_by_kind_shows_only_that_kind(coordinator):
    client = signed_in(coordinator)
    everything = _shown(client.get(URL))
    assert {d.kind for d in everything} > {"review"}
    response = client.get(URL, {"typ": "review"})
    assert response.status_code == 200
    shown = _shown(response)
    assert shown and {d.kind for d in shown} == {"review"}
    assert len(shown) == len([d for d in everything if d.kind == "review"])


def test_filter_by_group_shows_only_that_groups_duties(coordinator):
    lsg = Group.objects.get(slug="lsg")
    client = signed_in(coordinator)
    everything = _shown(client.get(URL))
    assert {d.group_id for d in everything} > {lsg.pk}
    response = client.get(URL, {"grupp": "lsg"})
    shown = _shown(response)
    assert shown and {d.group_id for d in shown} == {lsg.pk}
    # The form keeps the choice.
    (option,) = [o for o in elements(response.content, "option") if o.attrs.get("value") == "lsg"]
    assert "selected" in option.attrs


@pytest.mark.parametrize(
    "query",
    [
        {"typ": "nonsense"},
        {"typ": "review' OR 1=1--"},
        {"grupp": "finns-inte"},
        {"grupp": "<script>alert(1)</script>"},
    ],
)
def test_hostile_filter_values_are_a_form_error_and_filter_nothing(coordinator, query):
    client = signed_in(coordinator)
    everything = _shown(client.get(URL))
    response = client.get(URL, query)
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert len(_shown(response)) == len(everything)


def test_a_huge_number_as_group_is_refused_before_any_form(coordinator):
    response = signed_in(coordinator).get(URL, {"grupp": "9" * 20})
    assert response.status_code == 400


def test_reviews_due_years_ago_fold_into_one_older_row(coordinator):
    """The reference structure has had no review recorded: every review is years late."""
    response = signed_in(coordinator).get(URL)
    (late,) = [s for s in response.context["sections"] if s.key == "late"]
    assert not [r for r in late.rows if r.duty.kind == "review"]
    ((label, rows),) = late.older
    assert label == "Revisioner" and len(rows) > 1
    text = visible_text(response.content)
    assert f"Äldre: Revisioner ({len(rows)}), senast för mer än ett år sedan" in text


def test_a_review_due_within_the_year_is_a_row_of_its_own(coordinator):
    """The twin: a review late by less than a cycle stays among the real work."""
    lsg = Group.objects.get(slug="lsg")
    today = timezone.localdate()
    from reviews.models import Review

    # LSG's meeting forms are reviewed yearly: a review 13 months ago is one month late.
    Review.objects.create(
        group=lsg,
        kind="meeting_forms",
        held_on=today - datetime.timedelta(days=395),
        outcome="x",
        recorded_by=coordinator,
        recorded_at=timezone.now(),
    )
    page = selectors.desk_page(today)
    (late,) = [s for s in page.sections if s.key == "late"]
    assert [r.duty.group_id for r in late.rows if r.duty.kind == "review"] == [lsg.pk]


def test_the_coordinator_is_never_told_the_desk_waits_on_their_own_role(coordinator):
    text = visible_text(signed_in(coordinator).get(URL).content)
    assert "Regional koordinator" not in text
    assert "Dig" in text


def _world(n: int, coordinator) -> None:
    """n more rows of several kinds, and a note on each."""
    today = timezone.localdate()
    for i in range(n):
        builders.meeting("lsg", today + datetime.timedelta(days=2 + i))
        builders.recommendation(
            builders.case("samrad", by=coordinator, title=f"Ärende {i}"),
            by=coordinator,
            principals=("umea",),
            title=f"Rek {i}",
        )
    for duty in selectors.all_duties(today)[: 3 * n]:
        services.note_duty(
            by=coordinator, duty=duty, action=NoteAction.ACKNOWLEDGED, reason=f"Skäl {duty.key}"
        )


def test_desk_queries_stay_flat_as_rows_and_notes_grow(coordinator, django_assert_max_num_queries):
    client = signed_in(coordinator)
    _world(1, coordinator)
    small = page_queries(client, URL)
    _world(6, coordinator)
    client.get(URL)  # the writes changed the structure version: the county's facts are re-read
    with django_assert_max_num_queries(small):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(small + 1):  # the filter's group lookup
        assert client.get(URL, {"grupp": "lsg", "typ": "kallelse"}).status_code == 200
