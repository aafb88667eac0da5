"""The coordinators' upkeep of the follow-up's content on product pages (R-F2, R-K3): result
indicators, the leadership seminar's priorities and goals, and the agreements.

Each service checks `accounts.permissions.can_manage_followup` itself (the rule the admin uses
for these models), runs in a transaction, validates with the model's `full_clean()` (lengths,
uniqueness, the goal's years, the agreement's kind and municipality) and records before and after
in the audit trail in that transaction. The models keep every earlier version in their history,
so a revised goal or agreement is an edit, never a silent change. A refused write raises a
Swedish `ValidationError` and leaves nothing behind.

Survey rounds and the yearly follow-up are written by `followup.services`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from accounts import permissions
from accounts.models import User
from audit import services as audit
from followup.models import Agreement, Goal, Indicator, Priority

INDICATOR_FIELDS = (
    "code",
    "name",
    "description",
    "unit",
    "source",
    "higher_is_better",
    "fictional",
)
PRIORITY_FIELDS = ("title", "population", "description", "decided_on", "active")
PRIORITY_M2M = ("groups",)
GOAL_FIELDS = (
    "priority",
    "indicator",
    "area",
    "baseline_year",
    "baseline_value",
    "target_value",
    "target_year",
)
GOAL_M2M = ("owners",)
AGREEMENT_FIELDS = (
    "kind",
    "municipality",
    "title",
    "what",
    "how",
    "when",
    "functions",
    "in_force_from",
    "decision",
)

M = TypeVar("M", bound=models.Model)


def _save(
    *,
    by: User,
    instance: M,
    values: Mapping[str, Any],
    fields: Sequence[str],
    m2m: Sequence[str] = (),
    action: str,
) -> M:
    """Create (`instance` unsaved) or edit one row: every named field from `values`."""
    permissions.require(permissions.can_manage_followup(by))
    unknown = set(values) - {*fields, *m2m}
    if unknown:
        raise TypeError(f"{action}: unknown fields {sorted(unknown)}")
    recorded = [*fields, *m2m]
    before = None
    if instance.pk is not None:
        instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        before = audit.snapshot(instance, recorded)
    for name in fields:
        setattr(instance, name, values[name])
    instance.full_clean()
    try:
        # full_clean() checked uniqueness, but a second coordinator's save of the same code can
        # commit in between: the database's unique index then refuses this one.
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(
            "Någon annan sparade samma uppgifter nyss. Ladda om sidan och försök igen."
        ) from error
    for name in m2m:
        getattr(instance, name).set(values[name])
    audit.record_write(
        actor=by,
        action=action,
        target=instance,
        before=before,
        after=audit.snapshot(instance, recorded),
    )
    return instance


@transaction.atomic
def save_indicator(
    *, by: User, values: Mapping[str, Any], indicator: Indicator | None = None
) -> Indicator:
    return _save(
        by=by,
        instance=indicator or Indicator(),
        values=values,
        fields=INDICATOR_FIELDS,
        action="followup.save_indicator",
    )


@transaction.atomic
def save_priority(
    *, by: User, values: Mapping[str, Any], priority: Priority | None = None
) -> Priority:
    return _save(
        by=by,
        instance=priority or Priority(),
        values=values,
        fields=PRIORITY_FIELDS,
        m2m=PRIORITY_M2M,
        action="followup.save_priority",
    )


@transaction.atomic
def save_goal(*, by: User, values: Mapping[str, Any], goal: Goal | None = None) -> Goal:
    return _save(
        by=by,
        instance=goal or Goal(),
        values=values,
        fields=GOAL_FIELDS,
        m2m=GOAL_M2M,
        action="followup.save_goal",
    )


@transaction.atomic
def save_agreement(
    *, by: User, values: Mapping[str, Any], agreement: Agreement | None = None
) -> Agreement:
    return _save(
        by=by,
        instance=agreement or Agreement(),
        values=values,
        fields=AGREEMENT_FIELDS,
        action="followup.save_agreement",
    )


@transaction.atomic
def end_priority(*, by: User, priority: Priority) -> Priority:
    """The seminar no longer prioritises the area: it stays, with its goals, as "no longer
    in force" (history and audit keep when and by whom)."""
    permissions.require(permissions.can_manage_followup(by))
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    before = audit.snapshot(priority, ["active"])
    priority.active = False
    priority.save(update_fields=["active"])
    audit.record_write(
        actor=by,
        action="followup.end_priority",
        target=priority,
        before=before,
        after=audit.snapshot(priority, ["active"]),
    )
    return priority
