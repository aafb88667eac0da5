"""The fake identity provider's fixture, for every test of sign-in (see test_oidc.py)."""

from accounts.tests.test_oidc import provider  # noqa: F401
