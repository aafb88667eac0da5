"""Every write of the structure's people, seats, mandates and chair decisions (R-M1, R-M2, R-M5,
R-G1): persons, memberships (seats, a substitute tied to one ordinary member), ending a seat,
a new mandate version, an extended chair term.

Each service checks `accounts.permissions.can_manage_structure` itself, runs in a transaction,
validates with the models' `clean()` and the pure rules of `structure.rules` (through
`structure.selectors.rules_report`, the rules check's own reading of a group), and records what
it changed in the audit trail in that transaction. A refused write raises a Swedish
`ValidationError` and leaves nothing behind: not the row, not an audit row. The admin, the
reviews and anything later call these; none write these models directly.

Seat rules: a group's rules check (R-M2, R-M5) is read before and after the write, on the day
the seat takes effect. A write is refused when it adds a breach that only a write can cause:
more ordinary seats than a principal or a side may hold, a second chair or vice chair, chair
and vice from the same side, a chair from the side whose turn it is not, or a chair's term
running past a year without a recorded decision. Breaches that filling the seats later cures
(too few members, a missing substitute, an uneven grouping, the number of co-opted members)
stay on the rules check page, as they do for the structure data file.

Ending an ordinary seat ends the substitute seats tied to it on the same day (a substitute
stands in for one ordinary member, R-M1, so it has no seat without them); each ended seat has
its own audit row. The successor's substitute gets a new seat tied to the successor.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from accounts import permissions
from accounts.models import User
from audit import services as audit
from structure import rules, selectors
from structure.models import (
    ChairExtension,
    Group,
    Mandate,
    Membership,
    MembershipKind,
    Person,
    Position,
    Principal,
)

PERSON_FIELDS = ("first_name", "last_name", "principal", "title", "email", "phone")
MEMBERSHIP_FIELDS = (
    "person",
    "group",
    "kind",
    "position",
    "position_since",
    "substitute_for",
    "role_title",
    "start_date",
    "end_date",
    "nominated_until",
)
MANDATE_FIELDS = (
    "group",
    "effective_from",
    "effective_to",
    "assignment",
    "mandate",
    "reporting_path",
)
CHAIR_EXTENSION_FIELDS = ("group", "year", "decided_on", "reference", "reason")

# The breaches (codes of `structure.rules`) a write of a seat may not add; see the module doc.
REFUSED_BREACHES = frozenset(
    {
        "too_many_principal",
        "too_many_side",
        "several",
        "same_side",
        "wrong_side",
        "term_extended_without_decision",
    }
)
ROTATING_CHAIR_RULES = frozenset(
    {rules.RULE_DIFFERENT_SIDES_SWAP_YEARLY, rules.RULE_ALTERNATE_YEARLY}
)

M = TypeVar("M", bound=models.Model)


def _require(by: User) -> None:
    permissions.require(permissions.can_manage_structure(by))


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _apply(instance: M, by: User, values: Mapping[str, Any], allowed: tuple[str, ...]) -> M:
    """Set `values` on the instance; the model's history names `by` (also outside a request)."""
    instance._history_user = by  # type: ignore[attr-defined]
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise TypeError(f"{type(instance).__name__} has no writable field(s) {unknown}")
    for name, value in values.items():
        setattr(instance, name, _stripped(value))
    return instance


def _record(
    by: User,
    action: str,
    instance: Any,
    *,
    before: dict | None = None,
    fields: list[str] | None = None,
    **changes: Any,
) -> None:
    """The write's audit row, in its transaction: `structure.<action>` on `instance`, with its
    values after the write (all, or `fields`) and `before` it."""
    audit.record_write(
        actor=by,
        action=f"structure.{action}",
        target=instance,
        before=before,
        after=audit.snapshot(instance, fields),
        changes=audit.summary(**changes) if changes else None,
    )


def _locked_group(group: Group | int) -> Group:
    """The group's row, locked until the transaction ends: two writes of one group's seats (or
    its mandate versions) run one after the other, so each is checked against the other's."""
    pk = group.pk if isinstance(group, Group) else group
    return Group.objects.select_for_update().get(pk=pk)


# --- Persons ----------------------------------------------------------------------------------


@transaction.atomic
def create_person(
    *,
    by: User,
    first_name: str,
    last_name: str,
    principal: Principal,
    title: str = "",
    email: str = "",
    phone: str = "",
) -> Person:
    _require(by)
    person = _apply(
        Person(),
        by,
        {
            "first_name": first_name,
            "last_name": last_name,
            "principal": principal,
            "title": title,
            "email": email,
            "phone": phone,
        },
        PERSON_FIELDS,
    )
    person.full_clean()
    person.save()
    _record(by, "create_person", person)
    return person


@transaction.atomic
def update_person(*, by: User, person: Person, **values: Any) -> Person:
    """Change a person's name, principal, title or contact details (`values` by field name)."""
    _require(by)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person)
    _apply(person, by, values, PERSON_FIELDS)
    person.full_clean()
    person.save()
    _record(by, "update_person", person, before=before)
    return person


# --- Seats ------------------------------------------------------------------------------------


def _effective_day(membership: Membership) -> datetime.date:
    """The day a seat's values take effect: its start, or when its chair/vice role began."""
    days = [d for d in (membership.start_date, membership.position_since) if d]
    return max(days)


def _breaches(group: Group, on: datetime.date) -> set[tuple[str, str]]:
    [report] = selectors.rules_report(on, groups=[group])
    return {
        (breach.code, breach.message)
        for breach in report.breaches
        if breach.severity == rules.ERROR and breach.code in REFUSED_BREACHES
    }


def _refuse_new_breaches(group: Group, on: datetime.date, before: set[tuple[str, str]]) -> None:
    """Raise when the write (already made in this transaction) added a refused breach; the
    raise rolls the write back."""
    added = sorted(_breaches(group, on) - before)
    if added:
        raise ValidationError([message for _, message in added])


def _check_substitute_tie(membership: Membership) -> None:
    """A substitute stands in for an ordinary member who holds the seat when the substitute's
    starts (the tie's kind, group and person are the model's `clean()`)."""
    ordinary = membership.substitute_for
    if (
        membership.kind == MembershipKind.SUBSTITUTE
        and ordinary is not None
        and ordinary.kind == MembershipKind.ORDINARY
        and membership.start_date
        and not ordinary.is_current(membership.start_date)
    ):
        raise ValidationError(
            {
                "substitute_for": f"{ordinary.person} har inget uppdrag i {ordinary.group} "
                f"den {membership.start_date:%Y-%m-%d}; koppla ersättaren till en ordinarie "
                "ledamot som sitter då."
            }
        )


def _save_seat(membership: Membership, group: Group) -> None:
    membership.full_clean()
    _check_substitute_tie(membership)
    on = _effective_day(membership)
    before = _breaches(group, on)
    membership.save()
    _refuse_new_breaches(group, on, before)


@transaction.atomic
def add_membership(
    *,
    by: User,
    person: Person,
    group: Group,
    kind: str,
    start_date: datetime.date,
    position: str = Position.NONE,
    position_since: datetime.date | None = None,
    substitute_for: Membership | None = None,
    role_title: str = "",
    end_date: datetime.date | None = None,
    nominated_until: datetime.date | None = None,
) -> Membership:
    """R-M1: a seat in a group; a substitute is tied to the ordinary member it stands in for.
    Refused when it breaks the group's seat or chair rules (see the module doc)."""
    _require(by)
    group = _locked_group(group)
    membership = _apply(
        Membership(),
        by,
        {
            "person": person,
            "group": group,
            "kind": kind,
            "position": position,
            "position_since": position_since,
            "substitute_for": substitute_for,
            "role_title": role_title,
            "start_date": start_date,
            "end_date": end_date,
            "nominated_until": nominated_until,
        },
        MEMBERSHIP_FIELDS,
    )
    _save_seat(membership, group)
    _record(by, "add_membership", membership)
    return membership


@transaction.atomic
def update_membership(*, by: User, membership: Membership, **values: Any) -> Membership:
    """Change a seat (`values` by field name) under the same checks as adding one."""
    _require(by)
    group = _locked_group(values.get("group") or membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = audit.snapshot(membership)
    was_group = membership.group_id
    _apply(membership, by, values, MEMBERSHIP_FIELDS)
    if (
        membership.kind != MembershipKind.ORDINARY or membership.group_id != was_group
    ) and membership.substitutes.exists():
        raise ValidationError(
            {
                "kind": "Ersättare är kopplade till den här ordinarie platsen; avsluta eller "
                "koppla om dem först."
            }
        )
    _save_seat(membership, group)
    _record(by, "update_membership", membership, before=before)
    return membership


def _end(by: User, membership: Membership, end_date: datetime.date) -> None:
    before = audit.snapshot(membership, ["end_date"])
    _apply(membership, by, {"end_date": end_date}, MEMBERSHIP_FIELDS)
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    _record(by, "end_membership", membership, before=before, fields=["end_date"])


@transaction.atomic
def end_membership(*, by: User, membership: Membership, end_date: datetime.date) -> Membership:
    """The seat's last day. The substitute seats tied to it that run past that day end with it
    (each with its own audit row); see the module doc."""
    _require(by)
    _locked_group(membership.group_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end_date is not None and membership.end_date <= end_date:
        raise ValidationError(
            {"end_date": f"Uppdraget har redan avslutats {membership.end_date:%Y-%m-%d}."}
        )
    if end_date < membership.start_date:
        raise ValidationError({"end_date": "Slutdatum kan inte ligga före startdatum."})
    substitutes = list(
        membership.substitutes.select_for_update()
        .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gt=end_date))
        .select_related("person")
        .order_by("pk")
    )
    late = [s for s in substitutes if s.start_date > end_date]
    if late:
        raise ValidationError(
            {
                "end_date": "Ersättaren "
                + ", ".join(str(s.person) for s in late)
                + " börjar först efter det datumet; ändra eller ta bort den platsen först."
            }
        )
    _end(by, membership, end_date)
    for substitute in substitutes:
        _end(by, substitute, end_date)
    return membership


# --- Mandates ---------------------------------------------------------------------------------


@transaction.atomic
def record_mandate_version(
    *,
    by: User,
    group: Group,
    effective_from: datetime.date,
    assignment: str,
    mandate: str | None = None,
    reporting_path: str | None = None,
    effective_to: datetime.date | None = None,
) -> Mandate:
    """R-G1: a new version of the group's mandate from `effective_from`. The version in force
    that day ends the day before (audited on its own); the new one keeps its mandate and
    reporting path unless new ones are given."""
    _require(by)
    group = _locked_group(group)
    current = group.current_mandate(effective_from)
    if current is not None and current.effective_from >= effective_from:
        raise ValidationError(
            {
                "effective_from": "Den nya versionen måste börja efter den nuvarande; "
                "ange ett senare datum."
            }
        )
    if current is None and (not mandate or not reporting_path):
        raise ValidationError(
            "Gruppen har ingen uppdragsbeskrivning som gäller det datumet att utgå från; "
            "ange både mandat och rapporteringsväg."
        )
    if current is not None:
        before = audit.snapshot(current, ["effective_to"])
        _apply(
            current,
            by,
            {"effective_to": effective_from - datetime.timedelta(days=1)},
            MANDATE_FIELDS,
        )
        current.save(update_fields=["effective_to"])
        _record(by, "end_mandate_version", current, before=before, fields=["effective_to"])
    version = _apply(
        Mandate(),
        by,
        {
            "group": group,
            "effective_from": effective_from,
            "effective_to": effective_to,
            "assignment": assignment,
            "mandate": current.mandate if mandate is None else mandate,
            "reporting_path": current.reporting_path if reporting_path is None else reporting_path,
        },
        MANDATE_FIELDS,
    )
    version.full_clean()
    version.save()
    _record(by, "record_mandate_version", version, ended_mandate=current.pk if current else None)
    return version


@transaction.atomic
def update_mandate(*, by: User, mandate: Mandate, **values: Any) -> Mandate:
    """Correct a mandate version's text or dates (`values` by field name); versions of a group
    may not overlap (the model's `clean()`)."""
    _require(by)
    _locked_group(values.get("group") or mandate.group_id)
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    before = audit.snapshot(mandate)
    _apply(mandate, by, values, MANDATE_FIELDS)
    mandate.full_clean()
    mandate.save()
    _record(by, "update_mandate", mandate, before=before)
    return mandate


# --- The chair's term -------------------------------------------------------------------------


def _check_extension(extension: ChairExtension) -> None:
    """R-M5: only a chair that rotates yearly has a term to extend, and an extension must
    change the rotation (`rules.expected_chair_side`) when the group has one."""
    group = extension.group
    if group.chair_rule not in ROTATING_CHAIR_RULES:
        raise ValidationError(
            {
                "group": f"Ordförandeskapet i {group} roterar inte årligen; "
                "det finns inget att förlänga."
            }
        )
    if group.chair_anchor_year and group.chair_anchor_side and extension.year is not None:
        args = (extension.year, group.chair_anchor_year, group.chair_anchor_side)
        if rules.expected_chair_side(*args, [extension.year]) == rules.expected_chair_side(*args):
            raise ValidationError(
                {
                    "year": f"Rotationen i {group} räknas från {group.chair_anchor_year}; "
                    "ett förlängningsbeslut gäller ett senare år."
                }
            )


@transaction.atomic
def extend_chair_term(
    *,
    by: User,
    group: Group,
    year: int,
    decided_on: datetime.date,
    reference: str,
    reason: str = "",
) -> ChairExtension:
    """R-M5: the group's decision that the chair (and vice chair) keep their sides over `year`
    instead of swapping."""
    _require(by)
    group = _locked_group(group)
    extension = _apply(
        ChairExtension(),
        by,
        {
            "group": group,
            "year": year,
            "decided_on": decided_on,
            "reference": reference,
            "reason": reason,
        },
        CHAIR_EXTENSION_FIELDS,
    )
    extension.full_clean()
    _check_extension(extension)
    extension.save()
    _record(by, "extend_chair_term", extension)
    return extension


@transaction.atomic
def update_chair_extension(*, by: User, extension: ChairExtension, **values: Any) -> ChairExtension:
    """Correct a recorded extension (`values` by field name) under the same checks."""
    _require(by)
    _locked_group(values.get("group") or extension.group_id)
    extension = ChairExtension.objects.select_for_update().get(pk=extension.pk)
    before = audit.snapshot(extension)
    _apply(extension, by, values, CHAIR_EXTENSION_FIELDS)
    extension.full_clean()
    _check_extension(extension)
    extension.save()
    _record(by, "update_chair_extension", extension, before=before)
    return extension


# --- Composed writes of the coordinators' pages -----------------------------------------------


@dataclass
class SeatChange:
    """What a composed write did: the new seat, the seats it ended, and the rules check's new
    flags on the seat's first day (breaches that filling the seats later cures; the coordinator
    is warned, not stopped)."""

    membership: Membership
    ended: list[Membership] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _warnings(group: Group, on: datetime.date, before: set[tuple[str, str]]) -> list[str]:
    return [message for _, message in sorted(selectors.group_breaches(group, on) - before)]


def _as_field_error(exc: ValidationError, name: str) -> ValidationError:
    return ValidationError({name: exc.messages})


@transaction.atomic
def fill_seat(
    *,
    by: User,
    group: Group,
    kind: str,
    start_date: datetime.date,
    person: Person | None = None,
    new_person: Mapping[str, Any] | None = None,
    position: str = Position.NONE,
    substitute_for: Membership | None = None,
    role_title: str = "",
    predecessor: Membership | None = None,
) -> SeatChange:
    """ "Tillsätt plats" in one go: a person (existing, or `new_person` made here), their seat in
    the group from `start_date`, and the predecessor's seat ended the day before (with the
    substitutes tied to it). All or nothing: a refusal of any part leaves nothing behind."""
    _require(by)
    if (person is None) == (new_person is None):
        raise ValidationError(
            {"person": "Välj en befintlig person eller fyll i en ny person – inte båda."}
        )
    group = _locked_group(group)
    before = selectors.group_breaches(group, start_date)
    ended: list[Membership] = []
    if predecessor is not None:
        if predecessor.group_id != group.pk:
            raise ValidationError({"predecessor": "Företrädaren sitter i en annan grupp."})
        try:
            end_membership(
                by=by, membership=predecessor, end_date=start_date - datetime.timedelta(days=1)
            )
        except ValidationError as exc:
            raise _as_field_error(exc, "predecessor") from exc
        ended = list(
            Membership.objects.filter(
                models.Q(pk=predecessor.pk) | models.Q(substitute_for=predecessor),
                end_date=start_date - datetime.timedelta(days=1),
            ).select_related("person")
        )
    if new_person is not None:
        person = create_person(by=by, **new_person)
    membership = add_membership(
        by=by,
        person=person,
        group=group,
        kind=kind,
        start_date=start_date,
        position=position,
        position_since=start_date if position else None,
        substitute_for=substitute_for,
        role_title=role_title,
    )
    return SeatChange(membership, ended, _warnings(group, start_date, before))


@transaction.atomic
def change_substitute(
    *,
    by: User,
    ordinary: Membership,
    person: Person,
    start_date: datetime.date,
    end_current: bool = True,
) -> SeatChange:
    """ "Byt ersättare": `person` stands in for the ordinary member from `start_date`, in a new
    substitute seat tied to them. Their own substitute seat in the group tied to someone else
    ends the day before, and so (`end_current`) do the ordinary member's current substitutes."""
    _require(by)
    group = _locked_group(ordinary.group_id)
    if ordinary.kind != MembershipKind.ORDINARY:
        raise ValidationError("Ersättare kopplas bara till ordinarie ledamöter.")
    if not ordinary.is_current(start_date):
        raise ValidationError(
            {"start_date": f"{ordinary.person} sitter inte i {group} den {start_date:%Y-%m-%d}."}
        )
    before = selectors.group_breaches(group, start_date)
    last_day = start_date - datetime.timedelta(days=1)
    current = Membership.objects.current(start_date).filter(
        group=group, kind=MembershipKind.SUBSTITUTE
    )
    ending = current.filter(person=person).exclude(substitute_for=ordinary)
    if end_current:
        ending = ending | current.filter(substitute_for=ordinary).exclude(person=person)
    if current.filter(person=person, substitute_for=ordinary).exists():
        raise ValidationError({"person": f"{person} är redan ersättare för {ordinary.person}."})
    ended = []
    for seat in ending.select_related("person").order_by("pk"):
        try:
            end_membership(by=by, membership=seat, end_date=last_day)
        except ValidationError as exc:
            raise _as_field_error(exc, "start_date") from exc
        seat.end_date = last_day
        ended.append(seat)
    membership = add_membership(
        by=by,
        person=person,
        group=group,
        kind=MembershipKind.SUBSTITUTE,
        start_date=start_date,
        substitute_for=ordinary,
    )
    return SeatChange(membership, ended, _warnings(group, start_date, before))
