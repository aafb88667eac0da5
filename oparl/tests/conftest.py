import pytest

from demo.cases import load_case_demo
from demo.meetings import load_meeting_demo


@pytest.fixture
def full_demo(demo):
    """The demo with meetings, minutes, cases and decisions: every OParl object type exists."""
    load_meeting_demo()
    load_case_demo()
    return demo


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """The walk makes hundreds of requests; the limit itself is tested in api/tests."""
    settings.API_RATE_LIMIT_PER_MINUTE = 0


SITE = "https://samverkan.example.se"


@pytest.fixture(autouse=True)
def site_url(settings):
    """The configured site address: every OParl id is built on it, whatever the Host."""
    settings.SITE_URL = SITE + "/"
    return SITE
