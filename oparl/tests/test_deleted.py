"""Soft delete (§2.8): when corrected minutes are approved, the replaced version's agenda items
still answer, with `deleted: true`, and a harvester that asks what changed since before the
correction (`modified_since`) learns of them; the current list no longer has them."""

from __future__ import annotations

import datetime

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


def test_a_corrected_minutes_old_items_answer_as_deleted(client, full_demo):
    correction = (
        Minutes.objects.filter(
            supersedes__isnull=False, status=MinutesStatus.APPROVED, meeting__is_public=True
        )
        .select_related("supersedes")
        .first()
    )
    assert correction is not None, "the demo corrects a public meeting's minutes"
    old = list(correction.supersedes.items.order_by("position"))
    new = list(correction.items.order_by("position"))
    assert old and new

    removed = client.get(f"/oparl/v1/agendaitem/{old[0].pk}/")
    assert removed.status_code == 200
    tombstone = removed.json()
    oparl_schemas.validate(tombstone, "AgendaItem")
    assert tombstone["deleted"] is True
    modified = datetime.datetime.fromisoformat(tombstone["modified"])
    assert modified == correction.approved_at
    assert "name" not in tombstone and "resolutionText" not in tombstone
    current = client.get(f"/oparl/v1/agendaitem/{new[0].pk}/").json()  # the positive twin
    assert "deleted" not in current and current["name"] == new[0].title

    old_ids = {f"{SITE}/oparl/v1/agendaitem/{item.pk}/" for item in old}
    assert tombstone["id"] in old_ids
    listed = _ids(client)
    assert not old_ids & set(listed)
    assert current["id"] in listed

    before = timezone.localtime(correction.approved_at - datetime.timedelta(minutes=1))
    changed = _ids(client, {"modified_since": before.isoformat()})
    assert old_ids <= set(changed)
    assert all(changed[i]["deleted"] is True for i in old_ids)
    assert current["id"] in changed
    after = timezone.localtime(correction.approved_at + datetime.timedelta(minutes=1))
    assert not old_ids & set(_ids(client, {"modified_since": after.isoformat()}))
