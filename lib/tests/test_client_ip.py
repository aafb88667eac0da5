"""lib/client_ip.py: whose address a limit counts, with and without proxies in front."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from lib.client_ip import client_ip, network_key


def request(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_a_proxy_the_socket_address_counts_and_the_header_is_ignored(settings):
    settings.PROXY_COUNT = 0
    assert client_ip(request(forwarded="10.0.0.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "192.0.2.5", "192.0.2.5"),
        (1, "6.6.6.6, 192.0.2.5", "192.0.2.5"),  # the client's own entry proves nothing
        (2, "6.6.6.6, 192.0.2.5, 10.0.0.2", "192.0.2.5"),
        (2, "192.0.2.5", "203.0.113.7"),  # fewer entries than proxies: the socket address
        (1, "not-an-address", "203.0.113.7"),
        (1, "", "203.0.113.7"),
        (1, "::ffff:192.0.2.5", "192.0.2.5"),
    ],
)
def test_behind_proxies_the_entry_the_nearest_proxies_added_counts(
    settings, proxies, forwarded, expected
):
    settings.PROXY_COUNT = proxies
    assert client_ip(request(forwarded=forwarded)) == expected


def test_an_ipv6_address_counts_as_its_64_network():
    assert (
        network_key("2001:db8:1:2:aaaa::1") == network_key("2001:db8:1:2::ffff") == "2001:db8:1:2::"
    )
    assert network_key("2001:db8:1:3::1") != network_key("2001:db8:1:2::1")
    assert network_key("192.0.2.5") == "192.0.2.5"
    assert network_key("x") is None
