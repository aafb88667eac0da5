"""The filters every OParl list takes (§2.5): `created_since`, `created_until`,
`modified_since` and `modified_until` keep exactly the objects on their side of the bound, the
page links keep them, and a value that is not a date-time answers 400 with an OParl Error."""

from __future__ import annotations

import datetime
from urllib.parse import parse_qs, urlparse

import pytest

from cases.models import Recommendation, Treatment
from meetings.models import Meeting, Minutes, MinutesItem
from oparl.tests.conftest import SITE
from structure.models import County, Group, Membership, Person, Principal, StructurePeriod

UTC = datetime.UTC
# Even database ids were created in 2020 and modified in 2025, odd ones created in 2022 and
# modified in 2023: each bound below splits every list with two objects or more.
EVEN = (datetime.datetime(2020, 1, 1, tzinfo=UTC), datetime.datetime(2025, 1, 1, tzinfo=UTC))
ODD = (datetime.datetime(2022, 1, 1, tzinfo=UTC), datetime.datetime(2023, 1, 1, tzinfo=UTC))
APPROVED = datetime.datetime(2019, 1, 1, tzinfo=UTC)
CREATED_BOUND = "2021-01-01T00:00:00+01:00"
MODIFIED_BOUND = "2024-01-01T00:00:00Z"
MODELS = [
    County,
    StructurePeriod,
    Principal,
    Group,
    Person,
    Membership,
    Meeting,
    Minutes,
    MinutesItem,
    Recommendation,
    Treatment,
]
LISTS = [
    "bodies",
    "body/samverkan/organizations",
    "body/samverkan/persons",
    "body/samverkan/memberships",
    "body/samverkan/meetings",
    "body/samverkan/agendaitems",
    "body/samverkan/papers",
    "body/samverkan/consultations",
    "body/samverkan/files",
    "body/samverkan/locations",
    "body/samverkan/legislativeterms",
]


def _stamp_by_parity() -> None:
    """`update()` bypasses auto_now: the stamps are what the test says."""
    for model in MODELS:
        pks = list(model.objects.values_list("pk", flat=True))
        for parity, (created, modified) in ((0, EVEN), (1, ODD)):
            chosen = [pk for pk in pks if pk % 2 == parity]
            model.objects.filter(pk__in=chosen).update(created_at=created, updated_at=modified)
    # An agenda item changes no earlier than its minutes were approved: approvals before both.
    Minutes.objects.filter(approved_at__isnull=False).update(approved_at=APPROVED)


def _all(client, path: str, params: dict | None = None) -> list[dict]:
    """Every object of a list, following `next` (which must keep the filters)."""
    objects = []
    response = client.get(f"/oparl/v1/{path}/", params or {})
    while True:
        assert response.status_code == 200, (path, response.status_code)
        page = response.json()
        objects += page["data"]
        next_url = page["links"].get("next")
        if not next_url:
            return objects
        parts = urlparse(next_url)
        assert next_url.startswith(SITE)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert {k: query.get(k) for k in params or {}} == (params or {}), next_url
        response = client.get(parts.path, query)


def _parse(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def test_each_list_keeps_exactly_the_objects_on_the_filters_side_of_the_bound(client, full_demo):
    # One test over every list and filter, so the full demo is built once.
    _stamp_by_parity()
    for stamp, bound in (("created", CREATED_BOUND), ("modified", MODIFIED_BOUND)):
        limit = _parse(bound.replace("Z", "+00:00"))
        for path in LISTS:
            everything = {o["id"]: _parse(o[stamp]) for o in _all(client, path)}
            since_objects = _all(client, path, {f"{stamp}_since": bound})
            # What a correction removed is listed for modified_since too (see test_deleted).
            since = {o["id"] for o in since_objects if not o.get("deleted")}
            until = {o["id"] for o in _all(client, path, {f"{stamp}_until": bound})}
            assert since == {i for i, t in everything.items() if t >= limit}, (stamp, path)
            assert until == {i for i, t in everything.items() if t <= limit}, (stamp, path)
            if len(everything) >= 2:
                # Objects before the bound are left out and those after kept, and the reverse.
                assert since and until, (stamp, path)
            assert everything, path

    path = "body/samverkan/memberships"
    window = {"created_since": "2021-06-01T00:00:00+02:00", "created_until": "2022-06-01"}
    found = _all(client, path, window)
    assert found and {_parse(o["created"]).year for o in found} == {2022}
    assert len(found) < len(_all(client, path))
    assert _all(client, path, {**window, "omit_internal": "true"}) == found


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("created_since", "yesterday"),
        ("created_until", "2024-13-01"),
        ("modified_since", "2024-02-30T10:00:00"),
        ("modified_until", "0001-01-01T00:00:00+00:00"),
        ("modified_until", "9999-12-31T23:59:59+14:00"),
        ("created_since", "2024-01-01T00:00:00+01:00" + "0" * 200),
        ("omit_internal", "maybe"),
    ],
)
def test_a_filter_value_that_is_not_one_answers_400_with_an_oparl_error(
    client, structure, name, value
):
    response = client.get("/oparl/v1/body/samverkan/meetings/", {name: value})
    assert response.status_code == 400
    error = response.json()
    assert error["type"] == "https://schema.oparl.org/1.1/Error"
    assert error["message"] and name in error["debug"]


@pytest.mark.parametrize(
    "value",
    ["2024-01-01T00:00:00+01:00", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00", "2024-01-01"],
)
def test_a_filter_value_that_is_a_date_time_is_accepted(client, structure, value):
    response = client.get("/oparl/v1/body/samverkan/organizations/", {"created_since": value})
    assert response.status_code == 200
    assert response.json()["data"]


def test_an_unencoded_plus_in_the_offset_is_still_the_offset(client, structure):
    """`+01:00` sent unencoded arrives as ` 01:00`."""
    url = "/oparl/v1/body/samverkan/organizations/?created_until=2999-01-01T00:00:00+01:00"
    assert client.get(url).json()["data"]
