"""Sign-in lockout: wrong passwords are counted over a sliding window of LOCKOUT_MINUTES against
three limits, and reaching any one of them refuses sign-in until enough failures have aged out
of the window:

- the account at one address (LOCKOUT_ACCOUNT_ADDRESS_LIMIT, 5): someone guessing at one account;
- the account from any address (LOCKOUT_ACCOUNT_LIMIT, 10): guesses spread over many addresses;
- the address for any account (LOCKOUT_ADDRESS_LIMIT, 20): password spraying, a few guesses at
  each of many accounts. High enough that an office behind one NAT is not locked by typos.

A refused attempt checks no password, also when it is the right one, and is not counted: a lock
ends at most LOCKOUT_MINUTES after the failure that set it, and the limits bound how many
passwords anyone can try per window. The account is the typed name trimmed and case-folded
(`Kim`, ` kim ` and `kim` are one account), counted whether or not an account by that name
exists, so locks behave the same either way and reveal nothing. A correct sign-in, or a new
password chosen through the link sent by mail, clears the account's failures, never the
address's: an attacker signing in to an account of their own earns no new guesses. Coordinators
lift a lock on an account or an address on the lockout page (`audit.services`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from accounts.models import SignInFailure
from lib.client_ip import network_key

USERNAME_MAX_LENGTH = 150


@dataclass(frozen=True)
class Limits:
    window: datetime.timedelta
    account_and_address: int
    account: int
    address: int

    @property
    def window_minutes(self) -> int:
        return int(self.window.total_seconds() // 60)


def limits() -> Limits:
    return Limits(
        window=datetime.timedelta(minutes=settings.LOCKOUT_MINUTES),
        account_and_address=settings.LOCKOUT_ACCOUNT_ADDRESS_LIMIT,
        account=settings.LOCKOUT_ACCOUNT_LIMIT,
        address=settings.LOCKOUT_ADDRESS_LIMIT,
    )


@dataclass(frozen=True)
class Counts:
    """Failures within the window that still count."""

    account_and_address: int
    account: int
    address: int


def account_key(username: object) -> str:
    """The account a typed name counts against: trimmed and case-folded."""
    return str(username or "").strip().casefold()[:USERNAME_MAX_LENGTH]


def address_key(ip: str | None) -> str | None:
    return network_key(ip)


def is_over(counts: Counts, limits: Limits) -> bool:
    return (
        counts.account_and_address >= limits.account_and_address
        or counts.account >= limits.account
        or counts.address >= limits.address
    )


def failure_counts(*, username: object, ip: str | None, now: datetime.datetime) -> Counts:
    """One query over the failures of this account or this address (both indexed)."""
    account, address = account_key(username), address_key(ip)
    for_account = Q(username=account, cleared_for_account=False)
    wanted = {"account": for_account}
    if address is not None:
        for_address = Q(ip_address=address, cleared_for_address=False)
        wanted |= {"address": for_address, "account_and_address": for_account & for_address}
    either = for_account | wanted.get("address", for_account)
    totals = (
        SignInFailure.objects.filter(at__gt=now - limits().window)
        .filter(either)
        .aggregate(**{name: Count("pk", filter=where) for name, where in wanted.items()})
    )
    return Counts(
        account_and_address=totals.get("account_and_address", 0),
        account=totals["account"],
        address=totals.get("address", 0),
    )


def is_locked(*, username: object, ip: str | None, now: datetime.datetime | None = None) -> bool:
    return is_over(failure_counts(username=username, ip=ip, now=now or timezone.now()), limits())


def record_failure(
    *, username: object, ip: str | None, now: datetime.datetime | None = None
) -> bool:
    """Counts one wrong password; True when that reached a limit (the account is now locked)."""
    now = now or timezone.now()
    with transaction.atomic():
        # Older failures count for nothing any more.
        SignInFailure.objects.filter(at__lte=now - limits().window).delete()
        SignInFailure.objects.create(
            at=now, username=account_key(username), ip_address=address_key(ip)
        )
    return is_locked(username=username, ip=ip, now=now)


def clear_account(*, username: object) -> int:
    """After a correct sign-in, or a coordinator lifting the account's lock."""
    return SignInFailure.objects.filter(
        username=account_key(username), cleared_for_account=False
    ).update(cleared_for_account=True)


def clear_address(*, ip: str) -> int:
    """A coordinator lifting the address's lock."""
    address = address_key(ip)
    if address is None:
        return 0
    return SignInFailure.objects.filter(ip_address=address, cleared_for_address=False).update(
        cleared_for_address=True
    )


# --- The coordinators' list ------------------------------------------------------------------


class Scope:
    ACCOUNT = "account"
    ADDRESS = "address"


@dataclass(frozen=True)
class Lockout:
    """A lock in force: an account (everywhere, or only from `address`) or an address."""

    scope: str
    value: str
    failures: int
    last_at: datetime.datetime
    address: str | None = None

    @property
    def until(self) -> datetime.datetime:
        """The latest the lock can last without new failures."""
        return self.last_at + limits().window


def current_lockouts(*, now: datetime.datetime | None = None) -> list[Lockout]:
    """Every lock in force, newest first: three grouped queries over the window's failures."""
    now = now or timezone.now()
    current = limits()
    recent = SignInFailure.objects.filter(at__gt=now - current.window)
    accounts = (
        recent.filter(cleared_for_account=False)
        .values("username")
        .annotate(failures=Count("pk"), last_at=Max("at"))
        .filter(failures__gte=current.account)
    )
    pairs = (
        recent.filter(cleared_for_account=False, cleared_for_address=False)
        .exclude(ip_address=None)
        .values("username", "ip_address")
        .annotate(failures=Count("pk"), last_at=Max("at"))
        .filter(failures__gte=current.account_and_address)
    )
    addresses = (
        recent.filter(cleared_for_address=False)
        .exclude(ip_address=None)
        .values("ip_address")
        .annotate(failures=Count("pk"), last_at=Max("at"))
        .filter(failures__gte=current.address)
    )
    found = [
        Lockout(Scope.ACCOUNT, row["username"], row["failures"], row["last_at"]) for row in accounts
    ]
    everywhere = {lockout.value for lockout in found}
    found += [
        Lockout(Scope.ACCOUNT, row["username"], row["failures"], row["last_at"], row["ip_address"])
        for row in pairs
        if row["username"] not in everywhere
    ]
    found += [
        Lockout(Scope.ADDRESS, row["ip_address"], row["failures"], row["last_at"])
        for row in addresses
    ]
    return sorted(found, key=lambda lockout: lockout.last_at, reverse=True)
