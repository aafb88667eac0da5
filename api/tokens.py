"""Creating, revoking and checking personal API tokens (services and one read).

A token reads `svk_<prefix>_<secret>`: the prefix finds the row, the secret's SHA-256 hash is
compared in constant time. A token acts as its owner and never for more: every request it makes
runs through the same permission predicates and services as the owner's pages.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from api.models import ApiToken, ApiTokenUse, TokenScope
from audit import services as audit
from structure.models import Principal

TOKEN_START = "svk_"
MAX_TOKENS_PER_USER = 20


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(
    *,
    user: User,
    name: str,
    expires_on: datetime.date | None,
    now: datetime.datetime,
    scope: str = TokenScope.READ,
    principal: Principal | None = None,
) -> tuple[ApiToken, str]:
    """Returns the token row and the full token, which is never stored and shown once.

    `scope` read (the default) never writes; register may register and correct decisions, for
    `principal` only when given. The owner must be able to do that themselves: a token never
    holds more than its owner."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied("Logga in för att skapa en API-nyckel.")
    if not name.strip():
        raise ValidationError({"name": "Ge nyckeln ett namn."})
    if expires_on is not None and expires_on <= timezone.localdate(now):
        raise ValidationError({"expires_on": "Slutdatumet måste ligga efter i dag."})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": "Välj en behörighet i listan."})
    if scope == TokenScope.READ and principal is not None:
        raise ValidationError({"principal": "En läsnyckel gäller alla huvudmän: lämna tomt."})
    if scope == TokenScope.REGISTER:
        own = permissions.registrar_principal(user)
        if not permissions.is_coordinator(user) and own is None:
            raise ValidationError({"scope": "Du registrerar inte beslut: välj Läsa."})
        if principal is not None and not permissions.can_register_decision_for(user, principal):
            raise ValidationError({"principal": "Du registrerar inte beslut för den huvudmannen."})
        if principal is None and not permissions.is_coordinator(user):
            principal = own  # a registrar's token is for its own principal, said plainly
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
    if active >= MAX_TOKENS_PER_USER:
        raise ValidationError(f"Du kan ha högst {MAX_TOKENS_PER_USER} aktiva nycklar.")
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    expires_at = None
    if expires_on is not None:
        expires_at = datetime.datetime.combine(
            expires_on, datetime.time.max, tzinfo=timezone.get_current_timezone()
        )
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=prefix,
        secret_hash=_hash(secret),
        created_at=now,
        expires_at=expires_at,
        scope=scope,
        principal=principal,
    )
    # The secret is never stored; the hash is left out by the snapshot.
    audit.record_write(
        actor=user,
        action="api.create_token",
        target=token,
        after=audit.snapshot(
            token, ("name", "prefix", "created_at", "expires_at", "scope", "principal")
        ),
    )
    return token, f"{TOKEN_START}{prefix}_{secret}"


@transaction.atomic
def revoke_token(*, token: ApiToken, by: User, now: datetime.datetime) -> None:
    if token.user_id != by.pk:
        raise PermissionDenied
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now):
        audit.record_write(
            actor=by, action="api.revoke_token", target=token, changes={"revoked_at": [None, now]}
        )


def user_tokens(user: User):
    return (
        ApiToken.objects.filter(user=user)
        .select_related("principal")
        .order_by("-created_at", "-pk")
    )


def verify(raw: str) -> ApiToken | None:
    """The usable token (with its active owner) that `raw` is, or None. Logs nothing: the rate
    limit asks this before the request is served; `authenticate` logs the use."""
    if not raw.startswith(TOKEN_START) or len(raw) > 200:
        return None
    prefix, _, secret = raw[len(TOKEN_START) :].partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    token = ApiToken.objects.select_related("user", "principal").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.is_usable(timezone.now()) or not token.user.is_active:
        return None
    return token


def authenticate(
    raw: str, *, method: str, path: str, ip: str | None, verified: ApiToken | None = None
) -> ApiToken | None:
    """The valid token `raw` is, with its use logged; None for anything else. `verified` is the
    token the rate limit already checked for this request (one lookup, not two)."""
    token = verified if verified is not None else verify(raw)
    if token is None:
        return None
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    ApiTokenUse.objects.create(token=token, used_at=now, method=method, path=path[:300], ip=ip)
    return token
