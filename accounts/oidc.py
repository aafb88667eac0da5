"""Single sign-on over OpenID Connect (mozilla-django-oidc), for a region's identity provider.

A person signing in through the IdP is matched to an existing account on one configured claim
(OIDC_MATCH_CLAIM, e.g. `email` or an HSA-id claim) against one user field (OIDC_MATCH_FIELD:
`email` or `username`). Roles are never taken from the IdP: a matched account keeps its roles,
and a new account (only with OIDC_CREATE_USER) is a plain signed-in person.

An e-mail claim proves nothing unless the IdP says it checked the address: with an IdP where
people type their own address, anyone could otherwise sign in as whoever owns it. So when the
match claim is `email` (or OIDC_REQUIRE_VERIFIED_EMAIL is on) a person is matched only if the
claims carry `email_verified` as JSON `true` (not the string "true"), and an unverified address
is never copied into a new account.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

MATCH_FIELDS = {"email": "email__iexact", "username": "username"}


def _match_lookup() -> str:
    try:
        return MATCH_FIELDS[settings.OIDC_MATCH_FIELD]
    except KeyError:
        raise ImproperlyConfigured(
            f"OIDC_MATCH_FIELD måste vara en av {', '.join(sorted(MATCH_FIELDS))}."
        ) from None


def verified_email_required() -> bool:
    """OIDC_REQUIRE_VERIFIED_EMAIL, or when unset: whenever people are matched on `email`."""
    required = settings.OIDC_REQUIRE_VERIFIED_EMAIL
    if required is None:
        return settings.OIDC_MATCH_CLAIM == "email"
    return bool(required)


def email_is_verified(claims) -> bool:
    return claims.get("email_verified") is True


def _verified_email(claims) -> str:
    email = claims.get("email")
    if isinstance(email, str) and email_is_verified(claims):
        return email.strip()[:254]
    return ""


class SamverkanOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The library checks signature and nonce; we also check the token was issued to us by
        the configured issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("id_token är utfärdad för en annan klient.")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise SuspiciousOperation("id_token kommer från fel utfärdare.")
        return payload

    def _claim(self, claims) -> str:
        value = claims.get(settings.OIDC_MATCH_CLAIM)
        return value.strip() if isinstance(value, str) else ""

    def verify_claims(self, claims) -> bool:
        if not self._claim(claims):
            return False
        return email_is_verified(claims) or not verified_email_required()

    def filter_users_by_claims(self, claims):
        value = self._claim(claims)
        if not value:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(is_active=True, **{_match_lookup(): value})

    def describe_user_by_claims(self, claims) -> str:
        return f"{settings.OIDC_MATCH_CLAIM}={self._claim(claims)}"

    def create_user(self, claims):
        """Only with OIDC_CREATE_USER: a plain account, no staff, coordinator or registrar role."""
        value = self._claim(claims)
        username = value if settings.OIDC_MATCH_FIELD == "username" else self.get_username(claims)
        user = self.UserModel(
            username=username[:150],
            email=_verified_email(claims),
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
            is_staff=False,
            is_superuser=False,
            is_coordinator=False,
        )
        user.set_unusable_password()
        user.save()
        return user

    def update_user(self, user, claims):
        """The IdP never changes an account's roles; the account is used as it is."""
        return user


def _enabled_only(view):
    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


authentication_init = _enabled_only(OIDCAuthenticationRequestView.as_view())
authentication_callback = _enabled_only(OIDCAuthenticationCallbackView.as_view())
