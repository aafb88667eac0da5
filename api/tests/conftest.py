import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import User
from api import tokens
from cases.demo import load_case_demo
from meetings.demo import load_meeting_demo


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Most tests make many requests; test_rate_limit switches the limit back on."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    cache.clear()


@pytest.fixture
def full_demo(demo):
    """The demo with meetings, minutes, cases and decisions."""
    load_meeting_demo()
    load_case_demo()
    return demo


@pytest.fixture
def token_for():
    """A fresh token for a user (by username), as the full string the owner is shown once."""

    def token_for(username: str, **kwargs) -> str:
        user = User.objects.get(username=username)
        _, full = tokens.create_token(
            user=user, name=kwargs.pop("name", "Diariet"), expires_on=None, now=timezone.now()
        )
        return full

    return token_for


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
