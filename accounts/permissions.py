"""Every permission decision of the product, in one place.

Views, the admin and services ask these functions; none of them look at user flags directly.
Chair and vice chair are not stored on the user: they follow from the user's person's current
memberships (R-M1, R-M5), which structure hands in when it starts (see "Memberships" below).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import Minutes
    from structure.models import Group, Principal


def require(allowed: bool, message: str = "Du har inte behörighet att göra detta.") -> None:
    """Services call this with one of the predicates below; views turn it into a 403."""
    if not allowed:
        raise PermissionDenied(message)


def require_or_404(allowed: bool) -> None:
    """For what is secret by its existence: "not allowed" answers exactly as "missing" does."""
    if not allowed:
        raise Http404


def _today() -> datetime.date:
    return timezone.localdate()


def is_admin(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_coordinator(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_coordinator or user.is_superuser)
    )


def can_use_admin(user: User) -> bool:
    """The admin is the coordinators' maintenance tool (and the administrators')."""
    return is_coordinator(user)


def can_manage_structure(user: User) -> bool:
    return is_coordinator(user)


def can_view_person_contacts(user: User, group_ids: Iterable[int]) -> bool:
    """A person's contact details (personal data): coordinators, and signed-in members of a
    group the person currently sits in (as `can_view_contact_details` for a group's page)."""
    if is_coordinator(user):
        return True
    return bool(member_group_ids(user) & set(group_ids))


def can_manage_users(user: User) -> bool:
    return is_admin(user)


def can_see_rules_check(user: User) -> bool:
    return is_coordinator(user)


# Role look-ups are asked many times per page (every group box, every row's permission), so
# within one request they are read once: `PermissionCacheMiddleware` opens a cache for the
# request. Outside a request (services called by commands and tests) nothing is cached, so a
# membership changed a moment ago always counts.
_request_cache: ContextVar[dict | None] = ContextVar("permission_cache", default=None)


class PermissionCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_cache.set({})
        try:
            return self.get_response(request)
        finally:
            _request_cache.reset(token)


# --- Memberships ----------------------------------------------------------------------------
# Who sits in which group, and as what, is structure's data. Structure sits above accounts (its
# models, pages and admin ask the predicates here), so this module does not import it: structure
# hands in how to read memberships when it starts (`StructureConfig.ready()`). The rules stay
# here; without a source every membership question fails loudly rather than answer "no".


@dataclass(frozen=True)
class MembershipSource:
    # (group id, position) of each of a person's memberships on a day.
    positions_of: Callable[[int, datetime.date], Iterable[tuple[int, str]]]
    chair: str
    vice_chair: str


_membership_source: MembershipSource | None = None


def read_memberships_from(source: MembershipSource) -> None:
    global _membership_source
    _membership_source = source


def _memberships() -> MembershipSource:
    if _membership_source is None:
        raise ImproperlyConfigured("No membership source: is `structure` in INSTALLED_APPS?")
    return _membership_source


def _current_positions(user: User, on: datetime.date) -> frozenset[tuple[int, str]]:
    """(group id, position) of each of the person's memberships on that day."""
    cache = _request_cache.get()
    key = ("positions", user.pk, on)
    if cache is not None and key in cache:
        return cache[key]
    rows = frozenset(_memberships().positions_of(user.person_id, on))
    if cache is not None:
        cache[key] = rows
    return rows


def member_group_ids(user: User, on: datetime.date | None = None) -> set[int]:
    """Ids of the groups in which the user's person currently holds any membership."""
    if not (user.is_authenticated and user.is_active and user.person_id):
        return set()
    return {group_id for group_id, _ in _current_positions(user, on or _today())}


def is_member_of(user: User, group: Group) -> bool:
    return group.pk in member_group_ids(user)


def acting_group_ids(user: User, on: datetime.date | None = None) -> set[int] | None:
    """The groups where the user may act: None for every group (a coordinator), else the ids of
    the groups of the user's current memberships (none for anyone else). `can_act_in` asks it
    of one group; `Group.objects.acting_for(user)` is the same rule in SQL."""
    if is_coordinator(user):
        return None
    return member_group_ids(user, on)


def can_act_in(user: User, group: Group) -> bool:
    """Where a user may act: see a group's internal material, raise cases, add documents and
    report new members there, prepare its parent's agenda (an AU): the group's members, and
    coordinators in every group."""
    ids = acting_group_ids(user)
    return ids is None or group.pk in ids


def holds_position(user: User, group: Group, position: str) -> bool:
    """Chair / vice chair, derived from the user's current memberships."""
    if not (user.is_authenticated and user.person_id):
        return False
    return (group.pk, position) in _current_positions(user, _today())


def can_view_contact_details(user: User, group: Group) -> bool:
    """Contact details are personal data: coordinators, and members of the same group."""
    return can_act_in(user, group)


def registrar_principal(user: User) -> Principal | None:
    if not (user.is_authenticated and user.is_active):
        return None
    return user.registrar_for


def can_register_decision_for(user: User, principal: Principal) -> bool:
    """A registrar only for its own principal; a coordinator on a principal's behalf."""
    if is_coordinator(user):
        return True
    own = registrar_principal(user)
    return own is not None and own.pk == principal.pk


# --- Meetings (SPEC §5) ---------------------------------------------------------------------


def can_manage_meetings(user: User, group: Group) -> bool:
    """Book meetings, prepare the agenda, send the kallelse, draft minutes: the coordinator,
    and the group's chair and vice chair (who prepare agendas in the AU)."""
    positions = _memberships()
    return (
        is_coordinator(user)
        or holds_position(user, group, positions.chair)
        or holds_position(user, group, positions.vice_chair)
    )


def can_plan_meetings(user: User) -> bool:
    return is_coordinator(user)


def viewing_group_ids(user: User, on: datetime.date | None = None) -> set[int] | None:
    """The groups whose internal material the user may read: None for every group (coordinators,
    and archivists, who read everything and change nothing), else the groups where the user may
    act. `can_view_internal` asks it of one group; the visibility QuerySets (minutes, cases,
    search) use it in SQL."""
    if is_archivist(user):
        return None
    return acting_group_ids(user, on)


def can_view_internal(user: User, group: Group) -> bool:
    """Draft agendas, papers, unapproved minutes and cases: the group's own members,
    coordinators and archivists (read only)."""
    ids = viewing_group_ids(user)
    return ids is None or group.pk in ids


def can_see_minutes(user: User, minutes: Minutes) -> bool:
    """R-S6: approved minutes of a group whose minutes are public records are everyone's;
    nothing else of them is, ever. `Minutes.objects.visible_to(user)` is the same in SQL."""
    return minutes.is_public_record or can_view_internal(user, minutes.meeting.group)


def can_report_absence_for(user: User, person_id: int) -> bool:
    return is_coordinator(user) or bool(
        user.is_authenticated and user.is_active and user.person_id == person_id
    )


def can_approve_minutes(user: User, approver_person_ids: set[int]) -> bool:
    """R-S6: only the persons the group's rule names approve minutes, each in person."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.person_id
        and user.person_id in approver_person_ids
    )


def can_have_calendar_feed(user: User) -> bool:
    """A personal calendar address follows the user's person (a registrar has none)."""
    return bool(user.is_authenticated and user.is_active and user.person_id)


# --- Cases (SPEC §6) ------------------------------------------------------------------------


def can_raise_case_in(user: User, group: Group) -> bool:
    """R-C1: a member raises a case in one of its groups (the coordinator on a member's behalf)."""
    return can_act_in(user, group)


def can_route_cases(user: User) -> bool:
    """R-C3: the coordinator assesses where a question belongs."""
    return is_coordinator(user)


def can_record_treatment(user: User, group: Group) -> bool:
    return can_manage_meetings(user, group)


def can_expedite(user: User) -> bool:
    return is_coordinator(user)


def is_registrar(user: User) -> bool:
    return registrar_principal(user) is not None


def can_add_case_document(user: User, group: Group) -> bool:
    """A document is added at the level the case is at: its members, or a coordinator."""
    return can_raise_case_in(user, group)


def can_use_registrar_inbox(user: User) -> bool:
    """The registrars' inbox: registrars (own principal) and coordinators (every principal)."""
    return is_registrar(user) or is_coordinator(user)


def can_raise_cases(user: User) -> bool:
    """Whether to offer "Väck ett ärende" at all: coordinators and members of any group."""
    ids = acting_group_ids(user)
    return ids is None or bool(ids)


# --- Follow-up (R-F2, R-F3, R-F4, R-K3) -----------------------------------------------------


def can_manage_followup(user: User) -> bool:
    """Indicators, the seminar's priorities and goals, survey rounds and agreements: the
    coordinators. Everyone sees the results; nobody sees who answered what."""
    return is_coordinator(user)


# --- The e-archive ---------------------------------------------------------------------------


def is_archivist(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_archivist)


def can_export_archive(user: User) -> bool:
    """The deliveries to the e-archive: the coordinators, and the archivists, who read every
    group's material (`viewing_group_ids`), see the deliveries and start one, and change
    nothing else."""
    return is_coordinator(user) or is_archivist(user)


# --- Trust (sign-in, audit) -----------------------------------------------------------------


def can_see_audit_log(user: User) -> bool:
    """Who signed in, who failed, and every staff write: coordinators and administrators."""
    return is_coordinator(user)


def can_lift_lockouts(user: User) -> bool:
    """A person locked out of sign-in asks the coordinators, who lift the lock themselves."""
    return is_coordinator(user)


# --- The coordinator's year: working groups, the desk, start pages, reviews, onboarding ----------


def can_manage_working_groups(user: User) -> bool:
    """R-F1: the coordinator records set-up, extension, delivery and closing of working groups."""
    return is_coordinator(user)


def can_see_desk(user: User) -> bool:
    """The "Att göra" desk spans the whole structure: coordinators only."""
    return is_coordinator(user)


def can_have_own_page(user: User) -> bool:
    """Every signed-in, active user has a page of their own, "Mitt" (and only their own)."""
    return bool(user.is_authenticated and user.is_active)


def can_record_reviews(user: User) -> bool:
    """R-G2: the coordinator records reviews and keeps track of when the next is due."""
    return is_coordinator(user)


def can_report_new_member(user: User, group: Group) -> bool:
    """R-M4: a member or chair reports a new member of their own group to the coordinator."""
    return can_act_in(user, group)


def can_onboard(user: User) -> bool:
    """The onboarding checklists are the coordinator's."""
    return is_coordinator(user)


def can_see_internal_cycle(user: User) -> bool:
    """The annual cycle is public for public duties; the coordinator also sees reviews due."""
    return is_coordinator(user)


def can_publish(user: User) -> bool:
    """R-K1, R-K2: the coordinator publishes news and keeps the shared pages."""
    return is_coordinator(user)


def can_prepare_for_parent(user: User, au_group: Group) -> bool:
    """The AU (its members: the parent's chair and vice) prepares the parent's agenda."""
    return can_act_in(user, au_group)


def can_adopt_au_proposal(user: User) -> bool:
    """The coordinator adopts the AU's proposal into the parent's agenda."""
    return is_coordinator(user)
