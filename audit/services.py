"""Writing the audit trail.

`record_write` is called by every service that writes (and by the admin), inside the service's
own `transaction.atomic`: the row commits with the write or not at all, so a write that rolls
back leaves no row, and a row that cannot be written rolls the write back (nothing is saved
that the trail does not show). It takes no request: the client's address and the URL's name
come from `audit.context`, the actor is passed in (None for the system: commands and jobs).

A service that calls another service leaves that one's row too (each object's history stays
whole); a bulk action (a kallelse to 20 people) leaves one row with a summary, not one per
recipient. Secrets (tokens, their hashes, passwords) are never stored.

`record_event` records sign-ins, sign-outs and token use (from `audit.signals` and the API);
`lift_lockout` is the coordinators' one write of this app.
"""

from __future__ import annotations

import datetime
import decimal
import math
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise

from accounts import lockout, permissions
from accounts.models import User
from audit import context
from audit.models import AuditEvent, EventKind
from lib.client_ip import client_ip

# Longest text kept per value: enough to see what a correction changed, bounded per row.
MAX_TEXT = 2000
SECRET_NAMES = {"token", "secret", "key", "session_key", "session_data"}
SECRET_ENDINGS = ("_token", "_hash", "_secret", "_key")

Changes = dict[str, list]


class AuditOutsideTransaction(RuntimeError):
    """`record_write` was called outside the caller's transaction: a bug in the caller."""


# --- Values ---------------------------------------------------------------------------------


def is_secret(name: str) -> bool:
    return "password" in name or name in SECRET_NAMES or name.endswith(SECRET_ENDINGS)


def json_safe(value: Any) -> Any:
    """A JSON value for anything a model field holds: dates and times as ISO text, related
    objects as their id, files as their name, many objects as a sorted list of ids."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str | Promise):
        text = str(value)
        return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # One zone for every moment, so a value read back from the database (UTC) equals the
        # same moment set in local time.
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, models.Model):
        return json_safe(value.pk)
    if isinstance(value, models.QuerySet | models.Manager):
        return sorted(json_safe(pk) for pk in value.values_list("pk", flat=True))
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} byte>"
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((json_safe(v) for v in value), key=repr)
    if isinstance(value, Iterable):
        return [json_safe(v) for v in value]
    return json_safe(str(value))


def target_of(instance: models.Model) -> str:
    """`app_label.Model:pk`, e.g. `meetings.Minutes:42`."""
    opts = instance._meta
    return f"{opts.app_label}.{opts.object_name}:{instance.pk}"[:100]


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The instance's field values as JSON (foreign keys as ids; many-to-many only when named
    in `fields`, as sorted ids). The primary key, secrets and the `auto_now` stamp every save
    writes (not a change anyone made) are left out."""
    opts = instance._meta
    if fields is None:
        fields = [
            f.name
            for f in opts.concrete_fields
            if not f.primary_key and not getattr(f, "auto_now", False)
        ]
    values: dict[str, Any] = {}
    for name in fields:
        if is_secret(name):
            continue
        field = opts.get_field(name)
        if field.many_to_many:
            value = getattr(instance, name).all() if instance.pk else []
        elif field.is_relation:
            value = getattr(instance, field.attname)
        else:
            value = field.value_from_object(instance)
        values[name] = json_safe(value)
    return values


def _present(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


def diff(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> Changes:
    """{"field": [before, after]} for every field whose value differs. With no `before` (a
    creation) or no `after` (a deletion) only the fields that hold something are listed."""
    if before is None:
        before, after = {}, _present(after or {})
    elif after is None:
        before, after = _present(before), {}
    changes: Changes = {}
    for name in [*before, *(k for k in after if k not in before)]:
        if is_secret(name):
            continue
        old, new = json_safe(before.get(name)), json_safe(after.get(name))
        if old != new:
            changes[name] = [old, new]
    return changes


def summary(**values: Any) -> Changes:
    """A bulk action's summary (counts, ids) in the shape of `changes`: each as [null, value].
    Empty values (None, "", []) are left out; a count of 0 or False is kept."""
    return {
        name: [None, json_safe(value)]
        for name, value in values.items()
        if value is not None and value != "" and value != []
    }


# --- Recording ------------------------------------------------------------------------------


def _in_callers_transaction() -> bool:
    """Django's TestCase wraps each test in atomic blocks of its own (marked `_from_testcase`).
    They do not count, so a service that forgot its transaction fails its tests as it would
    write outside one in production."""
    blocks = transaction.get_connection().atomic_blocks
    return any(not getattr(block, "_from_testcase", False) for block in blocks)


def _checked(changes: Mapping[str, Any]) -> Changes:
    checked: Changes = {}
    for name, pair in changes.items():
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"audit change {name!r} must be [before, after]")
        if not is_secret(name):
            checked[str(name)] = [json_safe(pair[0]), json_safe(pair[1])]
    return checked


def _actor(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated and actor.pk else None


def record_write(
    *,
    actor: User | None,
    action: str,
    target: models.Model | str | None = None,
    changes: Mapping[str, Any] | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record one write by `actor` (None: the system) in the caller's transaction.

    `action` is a stable dotted name (`meetings.approve_minutes`); `target` the object written
    (or its `app_label.Model:pk`); what changed is `diff(before, after)` from two `snapshot`s,
    plus `changes` given as {"field": [before, after]} (a bulk action's `summary`)."""
    if not _in_callers_transaction():
        raise AuditOutsideTransaction(
            f"{action}: record_write must run inside the caller's transaction.atomic"
        )
    recorded: Changes = diff(before, after) if before is not None or after is not None else {}
    recorded.update(_checked(changes or {}))
    if isinstance(target, models.Model):
        target = target_of(target)
    request = context.current()
    user = _actor(actor)
    return AuditEvent.objects.create(
        kind=EventKind.WRITE,
        user=user,
        username=user.get_username()[:150] if user else "",
        ip_address=request.ip_address if request else None,
        route=request.route if request else "",
        action=action[:200],
        target=(target or "")[:100],
        changes=recorded,
    )


def record_event(
    *,
    kind: str,
    request: HttpRequest | None,
    user: User | None = None,
    username: str = "",
    action: str = "",
) -> AuditEvent:
    """A sign-in, failed sign-in, sign-out or token use: who, from where, on which page."""
    if user is not None and not username:
        username = user.get_username()
    match = getattr(request, "resolver_match", None)
    current = context.current()
    route = match.view_name if match is not None else (current.route if current else "")
    return AuditEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or "")[:150],
        ip_address=client_ip(request),
        action=action[:200],
        route=(route or "")[:200],
    )


def lift_lockout(*, by: User, scope: str, value: str) -> int:
    """A coordinator lifts the sign-in lock on an account (from every address) or on an address
    (for every account); returns how many counted failures stopped counting. Audited."""
    permissions.require(permissions.can_lift_lockouts(by))
    with transaction.atomic():
        if scope == lockout.Scope.ACCOUNT:
            lifted = lockout.clear_account(username=value)
            key = lockout.account_key(value)
        elif scope == lockout.Scope.ADDRESS:
            lifted = lockout.clear_address(ip=value)
            key = lockout.address_key(value)
        else:
            raise ValueError(f"Okänd spärr: {scope!r}")
        record_write(
            actor=by,
            action="audit.lift_lockout",
            changes=summary(scope=scope, lock=key, failures_lifted=lifted),
        )
    return lifted
