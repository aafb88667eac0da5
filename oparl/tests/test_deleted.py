"""Agenda items across a minutes correction (§2.8): an item keeps its id when a correction
carries it over (the same object, modified when the correction was approved), an item a
correction did not carry over answers with `deleted: true`, and a harvester that asks what
changed since before the correction (`modified_since`) learns of both."""

from __future__ import annotations

import datetime
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from meetings.models import Minutes, MinutesStatus
from oparl.tests import oparl_schemas
from oparl.tests.conftest import SITE

LIST = "/oparl/v1/body/samverkan/agendaitems/"


def _ids(client, params=None) -> dict[str, dict]:
    found, page = {}, 1
    while True:
        data = client.get(LIST, {**(params or {}), "page": page}).json()
        found |= {o["id"]: o for o in data["data"]}
        if "next" not in data["links"]:
            return found
        page += 1


def _url(pk: int) -> str:
    return f"{SITE}/oparl/v1/agendaitem/{pk}/"


@pytest.fixture
def correction(full_demo):
    found = (
        Minutes.objects.filter(
            supersedes__isnull=False, status=MinutesStatus.APPROVED, meeting__is_public=True
        )
        .select_related("supersedes")
        .first()
    )
    assert found is not None, "the demo corrects a public meeting's minutes"
    return found


def test_a_corrected_item_keeps_its_id_and_says_what_the_correction_says(client, correction):
    old = list(correction.supersedes.items.order_by("position"))
    new = list(correction.items.order_by("position"))
    assert old and len(old) == len(new)
    assert [item.origin_id for item in new] == [item.pk for item in old]
    changed = next(n for o, n in zip(old, new, strict=True) if o.decisions != n.decisions)
    data = client.get(f"/oparl/v1/agendaitem/{changed.origin_id}/").json()
    oparl_schemas.validate(data, "AgendaItem")
    assert data["id"] == _url(changed.origin_id)
    assert "deleted" not in data
    assert data["resolutionText"] == "\n".join(f"att {a}" for a in changed.att_satser)
    # created: the first version's; modified: no earlier than the correction's approval.
    assert datetime.datetime.fromisoformat(data["created"]) == changed.origin.created_at
    assert datetime.datetime.fromisoformat(data["modified"]) >= correction.approved_at
    # The meeting embeds the same object under the same id.
    meeting = client.get(f"/oparl/v1/meeting/{correction.meeting_id}/").json()
    assert _url(changed.origin_id) in {i["id"] for i in meeting["agendaItem"]}

    listed = _ids(client)
    assert {_url(item.pk) for item in old} <= set(listed)
    assert not {_url(item.pk) for item in new} & set(listed)
    # A later version's own row id (published before ids were kept) leads to the item.
    moved = client.get(f"/oparl/v1/agendaitem/{changed.pk}/")
    assert moved.status_code == 301
    assert urlparse(moved["Location"]).path == f"/oparl/v1/agendaitem/{changed.origin_id}/"

    before = timezone.localtime(correction.approved_at - datetime.timedelta(minutes=1))
    since = _ids(client, {"modified_since": before.isoformat()})
    assert _url(changed.origin_id) in since and "deleted" not in since[_url(changed.origin_id)]


def test_an_item_a_correction_did_not_carry_over_answers_as_deleted(client, correction):
    old = list(correction.supersedes.items.order_by("position"))
    last = old[-1]
    # As if the correction had left the item out (the admin can delete an item of a draft).
    correction.items.filter(origin=last).delete()
    removed = client.get(f"/oparl/v1/agendaitem/{last.pk}/")
    assert removed.status_code == 200
    tombstone = removed.json()
    oparl_schemas.validate(tombstone, "AgendaItem")
    assert tombstone["deleted"] is True
    assert datetime.datetime.fromisoformat(tombstone["modified"]) == correction.approved_at
    assert "name" not in tombstone and "resolutionText" not in tombstone
    kept = client.get(f"/oparl/v1/agendaitem/{old[0].pk}/").json()  # the positive twin
    assert "deleted" not in kept and kept["name"] == old[0].title

    assert _url(last.pk) not in _ids(client)
    before = timezone.localtime(correction.approved_at - datetime.timedelta(minutes=1))
    changed = _ids(client, {"modified_since": before.isoformat()})
    assert changed[_url(last.pk)]["deleted"] is True
    assert list(changed).count(_url(last.pk)) == 1
    after = timezone.localtime(correction.approved_at + datetime.timedelta(minutes=1))
    assert _url(last.pk) not in _ids(client, {"modified_since": after.isoformat()})
