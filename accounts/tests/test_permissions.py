"""Roles: anonymous, member, chair/vice derived from memberships, coordinator, registrar, admin."""

from django.contrib.auth.models import AnonymousUser

from accounts import permissions
from accounts.models import User
from structure.models import Group, Position, Principal
from testing.builders import PASSWORD, coordinator_user, member_user, registrar_user


def test_anonymous_has_no_roles(structure):
    anonymous = AnonymousUser()
    lsg = Group.objects.get(slug="lsg")
    assert not permissions.is_coordinator(anonymous)
    assert not permissions.can_view_contact_details(anonymous, lsg)
    assert permissions.member_group_ids(anonymous) == set()
    assert not permissions.can_register_decision_for(anonymous, Principal.objects.first())


def test_chair_is_derived_from_the_current_membership(structure):
    chair = member_user("olle", "lsg", position=Position.CHAIR)
    member = member_user("alice", "lsg")
    lsg = Group.objects.get(slug="lsg")
    assert permissions.holds_position(chair, lsg, "chair")
    assert not permissions.holds_position(member, lsg, "chair")
    lsg.memberships.filter(position="chair").update(position="", position_since=None)
    assert not permissions.holds_position(chair, lsg, "chair")


def test_member_belongs_to_own_groups_only(structure):
    member = member_user("alice", "lsg", "beredning-vuxna-och-aldre")
    member_user("bob", "samrad")
    groups = set(
        Group.objects.filter(pk__in=permissions.member_group_ids(member)).values_list(
            "slug", flat=True
        )
    )
    assert groups == {"lsg", "beredning-vuxna-och-aldre"}


def test_registrar_registers_for_own_principal_only(structure):
    umea, region = Principal.objects.get(slug="umea"), Principal.objects.get(code="24")
    registrar = registrar_user("rita", principal="umea")
    assert permissions.can_register_decision_for(registrar, umea)
    assert not permissions.can_register_decision_for(registrar, region)
    assert permissions.can_register_decision_for(coordinator_user(), region)


def test_inactive_coordinator_loses_the_role(structure):
    coordinator = coordinator_user()
    assert permissions.is_coordinator(coordinator)
    coordinator.is_active = False
    assert not permissions.is_coordinator(coordinator)
    assert not permissions.can_use_admin(coordinator)


def test_only_admin_manages_users(structure):
    admin = User.objects.create_superuser("admin", "admin@test.example", PASSWORD)
    assert permissions.can_manage_users(admin)
    assert not permissions.can_manage_users(coordinator_user())
