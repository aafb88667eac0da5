"""Who may see minutes (R-S6) is one rule with two forms: `permissions.can_see_minutes` for one
minutes (the minutes page) and `Minutes.objects.visible_to` in SQL (the search). Both, and the
lists, must agree for the anonymous visitor, a member of another group, the group's members
and a coordinator."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import permissions
from meetings.models import Minutes, MinutesStatus
from search.tests.conftest import new_minutes, signed_in
from structure.models import Group, MinutesApproval
from testing.builders import member_user

WORD = "Vildhallon"


@pytest.fixture
def world(coord):
    public_group = (
        Group.objects.filter(minutes_public=True)
        .exclude(minutes_approval=MinutesApproval.NONE)
        .order_by("order")
        .first()
    )
    closed_group = Group.objects.filter(minutes_public=False).order_by("order").first()
    other_group = (
        Group.objects.exclude(pk__in=[public_group.pk, closed_group.pk]).order_by("order").first()
    )
    minutes = {
        "public record": new_minutes(coord, f"{WORD} justerad.", group=public_group.slug),
        "draft": new_minutes(coord, f"{WORD} utkast.", group=public_group.slug),
        "in approval": new_minutes(coord, f"{WORD} på justering.", group=public_group.slug),
        "approved, not public": new_minutes(coord, f"{WORD} internt.", group=closed_group.slug),
    }
    Minutes.objects.filter(
        pk__in=[minutes["public record"].pk, minutes["approved, not public"].pk]
    ).update(status=MinutesStatus.APPROVED)
    Minutes.objects.filter(pk=minutes["in approval"].pk).update(status=MinutesStatus.IN_APPROVAL)
    users = {
        "anonymous": None,
        "member of another group": member_user("otto", other_group.slug),
        "member of the group": member_user("alice", public_group.slug),
        "member of the closed group": member_user("bodil", closed_group.slug),
        "coordinator": coord,
    }
    return public_group, {k: Minutes.objects.get(pk=m.pk) for k, m in minutes.items()}, users


EXPECTED = {
    "anonymous": {"public record"},
    "member of another group": {"public record"},
    "member of the group": {"public record", "draft", "in approval"},
    "member of the closed group": {"public record", "approved, not public"},
    "coordinator": {"public record", "draft", "in approval", "approved, not public"},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_search_the_lists_the_page_and_the_rule_agree_on_who_sees_which_minutes(world, who):
    group, minutes, users = world
    user = users[who]
    client = signed_in(user)
    by_url = {m.get_absolute_url(): name for name, m in minutes.items()}

    rule = {
        name
        for name, m in minutes.items()
        if permissions.can_see_minutes(user or AnonymousUser(), m)
    }
    in_sql = {
        name
        for name, m in minutes.items()
        if Minutes.objects.visible_to(user or AnonymousUser()).filter(pk=m.pk).exists()
    }
    pages = {
        name for name, m in minutes.items() if client.get(m.get_absolute_url()).status_code == 200
    }
    found = client.get(reverse("search:search"), {"q": WORD, "typ": "minnesanteckningar"})
    in_search = {by_url[hit.url] for hit in found.context["page"].object_list if hit.url in by_url}

    assert rule == in_sql == pages == in_search == EXPECTED[who]

    # The lists show the public records to everyone, and the group's minutes waiting for
    # approval only to those who may see them.
    listed = client.get(reverse("meetings:minutes_list"), {"q": WORD}).context["page"]
    assert {by_url[m.get_absolute_url()] for m in listed.object_list} == {"public record"}
    group_list = client.get(reverse("meetings:group_minutes", args=[group.slug])).context
    pending = {by_url[s.minutes.get_absolute_url()] for s in group_list["pending"]}
    assert pending == {"in approval"} & EXPECTED[who]
