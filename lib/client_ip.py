"""The client's IP address, as the sign-in lockout, the reset throttle, the API rate limit and
the audit log see it.

Without a proxy (`PROXY_COUNT=0`) it is the socket's address (`REMOTE_ADDR`). Behind `PROXY_COUNT`
reverse proxies that each append the address they received from to `X-Forwarded-For`, the client
is the PROXY_COUNT-th entry from the right: entries further left were sent by the client itself
and prove nothing. A header with fewer entries than proxies, or an entry that is not an IP
address, falls back to the socket address instead of trusting it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None) -> str | None:
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    remote = _address(request.META.get("REMOTE_ADDR"))
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return _address(forwarded[-proxies]) or remote
    return remote


def network_key(address: str | None) -> str | None:
    """What counts as one address for a limit: an IPv4 address, or an IPv6 address's /64
    network (one subscriber gets a whole /64 and can change the rest at will)."""
    address = _address(address)
    if address is None:
        return None
    parsed = ipaddress.ip_address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False).network_address)
    return address
