"""Where a user may act is one rule in two forms: `permissions.can_act_in(user, group)` and, in
SQL, `Group.objects.acting_for(user)`; the forms that offer groups (raise a case, report a new
member) list exactly those."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from accounts import permissions
from structure.models import Group
from testing.builders import coordinator_user, member_user, person, registrar_user, seat


@pytest.fixture
def people(structure):
    former = member_user("frida", "lsg")
    former.person.memberships.update(end_date=datetime.date(2021, 1, 1))
    inactive = member_user("ivar", "lsg")
    inactive.is_active = False
    inactive.save()
    future = member_user("fabian")
    seat(future.person, "samrad", start_date=datetime.date.today() + datetime.timedelta(days=30))
    person("Utan", last_name="Konto")
    return {
        "anonymous": AnonymousUser(),
        "member of two groups": member_user("alice", "lsg", "beredning-barn-och-unga"),
        "former member": former,
        "inactive member": inactive,
        "member from next month": future,
        "registrar": registrar_user(),
        "coordinator": coordinator_user(),
    }


def test_acting_for_is_can_act_in_in_sql(people):
    groups = list(Group.objects.all())
    for who, user in people.items():
        in_sql = set(Group.objects.acting_for(user).values_list("pk", flat=True))
        by_rule = {g.pk for g in groups if permissions.can_act_in(user, g)}
        assert in_sql == by_rule, who
        for group in groups:
            # The predicates that are this rule by their docstrings.
            assert permissions.can_view_internal(user, group) == (group.pk in by_rule), who
            assert permissions.can_raise_case_in(user, group) == (group.pk in by_rule), who
            assert permissions.can_report_new_member(user, group) == (group.pk in by_rule), who
    assert len(Group.objects.acting_for(people["coordinator"])) == len(groups)
    member = {g.slug for g in Group.objects.acting_for(people["member of two groups"])}
    assert member == {"lsg", "beredning-barn-och-unga"}
    for who in ("anonymous", "former member", "inactive member", "registrar"):
        assert not Group.objects.acting_for(people[who]).exists(), who


def test_the_forms_offer_the_groups_where_the_user_may_act(client, people):
    for who in ("member of two groups", "coordinator"):
        user = people[who]
        expected = set(Group.objects.acting_for(user).values_list("pk", flat=True))
        client.force_login(user)
        raise_form = client.get(reverse("cases:case_create")).context["form"]
        report_form = client.get(reverse("onboarding:report")).context["form"]
        assert {g.pk for g in raise_form.fields["group"].queryset} == expected, who
        assert {g.pk for g in report_form.fields["group"].queryset} == expected, who
        client.logout()
