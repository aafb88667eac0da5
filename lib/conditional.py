"""Conditional GET from a version computed before the body (RFC 9110 §13).

Django's `condition` decorator calls its ETag and Last-Modified functions separately; here one
small query gives both (e.g. the count and the newest change of a calendar feed's meetings), and
a client that already has that version gets 304 Not Modified without the body being built:

    version = Version.of("feed", key, count, changed, last_modified=changed)
    if (response := not_modified(request, version)) is not None:
        return response
    return stamp(build_response(), version)
"""

from __future__ import annotations

import datetime
import hashlib
from calendar import timegm
from dataclasses import dataclass

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date


@dataclass(frozen=True)
class Version:
    etag: str  # quoted, strong
    last_modified: datetime.datetime | None

    @classmethod
    def of(cls, *parts, last_modified: datetime.datetime | None) -> Version:
        """A strong ETag from everything the body depends on (its parts' text)."""
        digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
        return cls(f'"{digest[:32]}"', last_modified)

    @property
    def timestamp(self) -> int | None:
        if self.last_modified is None:
            return None
        return timegm(self.last_modified.utctimetuple())


def not_modified(request: HttpRequest, version: Version) -> HttpResponseBase | None:
    """304 (or 412) if the request's preconditions say the client has this version, else None.
    `If-None-Match` wins over `If-Modified-Since` when both are sent."""
    response = get_conditional_response(request, etag=version.etag, last_modified=version.timestamp)
    return stamp(response, version) if response is not None else None


def stamp(response: HttpResponseBase, version: Version) -> HttpResponseBase:
    response["ETag"] = version.etag
    if version.timestamp is not None:
        response["Last-Modified"] = http_date(version.timestamp)
    return response
