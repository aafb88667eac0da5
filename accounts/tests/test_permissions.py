"""Roles: anonymous, member, chair/vice derived from memberships, coordinator, registrar, admin."""

from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from accounts.models import User
from structure.models import Group, Principal


def user(name):
    return User.objects.get(username=name)


def test_anonymous_has_no_roles(demo):
    anonymous = AnonymousUser()
    lsg = Group.objects.get(slug="lsg")
    assert not permissions.is_coordinator(anonymous)
    assert not permissions.can_view_contact_details(anonymous, lsg)
    assert permissions.member_group_ids(anonymous) == set()
    assert not permissions.can_register_decision_for(anonymous, Principal.objects.first())


def test_chair_is_derived_from_the_current_membership(demo):
    lsg = Group.objects.get(slug="lsg")
    assert permissions.holds_position(user("ordforande"), lsg, "chair")
    assert not permissions.holds_position(user("ledamot"), lsg, "chair")
    lsg.memberships.filter(position="chair").update(position="", position_since=None)
    assert not permissions.holds_position(user("ordforande"), lsg, "chair")


def test_member_belongs_to_own_groups_only(demo):
    groups = set(
        Group.objects.filter(pk__in=permissions.member_group_ids(user("ledamot"))).values_list(
            "slug", flat=True
        )
    )
    assert groups == {"lsg", "beredning-vuxna-och-aldre"}


def test_registrar_registers_for_own_principal_only(demo):
    umea, region = Principal.objects.get(slug="umea"), Principal.objects.get(code="24")
    registrar = user("registrator-umea")
    assert permissions.can_register_decision_for(registrar, umea)
    assert not permissions.can_register_decision_for(registrar, region)
    assert permissions.can_register_decision_for(user("koordinator"), region)


def test_inactive_coordinator_loses_the_role(demo):
    coordinator = user("koordinator")
    coordinator.is_active = False
    assert not permissions.is_coordinator(coordinator)
    assert not permissions.can_use_admin(coordinator)


def test_only_admin_manages_users(demo):
    assert permissions.can_manage_users(user("admin"))
    assert not permissions.can_manage_users(user("koordinator"))
