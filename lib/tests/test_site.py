"""The site's own address for links that leave the site."""

from lib.site import absolute_url, site_url


def test_site_url_is_the_configured_address_without_trailing_slash(settings):
    settings.SITE_URL = "https://samverkan.example.se/"
    assert site_url() == "https://samverkan.example.se"


def test_absolute_url_puts_a_path_on_the_configured_address(settings):
    settings.SITE_URL = "https://samverkan.example.se/"
    assert absolute_url("/beslut/12/") == "https://samverkan.example.se/beslut/12/"
    assert absolute_url("beslut/") == "https://samverkan.example.se/beslut/"


def test_absolute_url_ignores_the_requests_host(settings, rf):
    settings.SITE_URL = "https://samverkan.example.se"
    rf.get("/", HTTP_HOST="attacker.example")
    assert absolute_url("/registrator/").startswith("https://samverkan.example.se/")
