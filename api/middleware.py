"""Rate limits, CORS and conditional GET for the open data endpoints (API, OParl, catalogue).

- Rate limit: per client IP in Django's cache, `API_RATE_LIMIT_BURST` requests per window of
  BURST / PER_MINUTE minutes (`API_RATE_LIMIT_PER_MINUTE` on average); over it answers 429 JSON
  in Swedish with `Retry-After`. 0 switches the limit off. With several app servers set
  `CACHE_URL` (Redis) so they count in one place; with a cache per process each process would
  allow the full rate on its own.
- CORS: public reads (GET/HEAD without an Authorization header) answer
  `Access-Control-Allow-Origin: *`, never with credentials. Requests that carry a token get no
  CORS headers, and a preflight never allows the Authorization header, so a browser page on
  another site cannot use someone's token.
- Conditional GET: every successful GET gets a strong `ETag` (hash of the body); a matching
  `If-None-Match` answers 304 without a body. Where an endpoint knows when its data last
  changed (one meeting) it sets `Last-Modified`, and `If-Modified-Since` answers 304 as well.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from api.errors import error_response
from audit.services import client_ip

OPEN_DATA_PREFIXES = ("/api/v1/", "/oparl/", "/data/")
READ_METHODS = {"GET", "HEAD"}


def _rate() -> tuple[float, float]:
    per_minute = getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120)
    burst = getattr(settings, "API_RATE_LIMIT_BURST", 60)
    return per_minute / 60.0, float(burst)


def take_token(key: str, now: float) -> float:
    """Counts one request; returns 0 if allowed, else seconds until the next window opens.

    A fixed window per client: at most `burst` requests per `burst / rate` seconds, which is the
    configured rate on average. The count is one atomic `incr` in the cache, so app servers that
    share a cache (Redis) share the limit without losing updates, and `now` is wall-clock time
    (not a process's monotonic clock), which means the same on every server.
    """
    per_second, burst = _rate()
    window = burst / per_second
    slot = math.floor(now / window)
    slot_key = f"{key}:{slot}"
    timeout = math.ceil(window) + 60
    cache.add(slot_key, 0, timeout=timeout)
    try:
        count = cache.incr(slot_key)
    except ValueError:  # the window's key expired between add and incr
        cache.add(slot_key, 1, timeout=timeout)
        count = 1
    if count <= burst:
        return 0.0
    return (slot + 1) * window - now


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_DATA_PREFIXES):
            return self.get_response(request)
        per_second, _ = _rate()
        if per_second > 0:
            # Behind the proxy in front of several app servers: the client's address, not
            # the proxy's (PROXY_COUNT, as for the sign-in lockout).
            ip = client_ip(request) or ""
            wait = take_token(f"api-rate:{ip}", time.time())
            if wait:
                response = error_response(429)
                response["Retry-After"] = str(math.ceil(wait))
                return response
        public_read = request.method in READ_METHODS and "Authorization" not in request.headers
        if request.method == "OPTIONS" and "Authorization" not in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
            response["Access-Control-Max-Age"] = "86400"
            response["Access-Control-Allow-Origin"] = "*"
            return response
        response = self.get_response(request)
        if response.status_code == 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            # E.g. the NUL-character guard: the same refusal, as JSON like every other error.
            message = response.content.decode(errors="replace").strip() or None
            response = error_response(400, message if message and len(message) < 300 else None)
        if public_read:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        patch_vary_headers(response, ["Authorization"])
        if request.method in READ_METHODS and response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                digest = hashlib.sha256(response.content).hexdigest()[:32]
                response["ETag"] = f'"{digest}"'
            response["Cache-Control"] = "no-cache" if public_read else "private, no-cache"
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
            if conditional is not response:
                for header in (
                    "Access-Control-Allow-Origin",
                    "Vary",
                    "Cache-Control",
                    "Last-Modified",
                ):
                    if response.has_header(header):
                        conditional[header] = response[header]
            return conditional
        return response
