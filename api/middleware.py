"""Rate limits, CORS and conditional GET for the open data endpoints (API, OParl, catalogue).

- Rate limit: a token bucket per client IP in Django's cache. `API_RATE_LIMIT_PER_MINUTE`
  tokens are refilled per minute up to `API_RATE_LIMIT_BURST`; an empty bucket answers 429 JSON
  in Swedish with `Retry-After`. 0 switches the limit off. With several server processes, point
  `CACHES` at a shared cache (e.g. Redis or the database cache) so they share the buckets.
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

OPEN_DATA_PREFIXES = ("/api/v1/", "/oparl/", "/data/")
READ_METHODS = {"GET", "HEAD"}


def _rate() -> tuple[float, float]:
    per_minute = getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120)
    burst = getattr(settings, "API_RATE_LIMIT_BURST", 60)
    return per_minute / 60.0, float(burst)


def take_token(key: str, now: float) -> float:
    """Takes one request from the bucket; returns 0 if allowed, else seconds until one is free."""
    per_second, burst = _rate()
    tokens, stamp = cache.get(key, (burst, now))
    tokens = min(burst, tokens + (now - stamp) * per_second)
    if tokens < 1:
        cache.set(key, (tokens, now), timeout=int(burst / per_second) + 60)
        return (1 - tokens) / per_second
    cache.set(key, (tokens - 1, now), timeout=int(burst / per_second) + 60)
    return 0.0


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_DATA_PREFIXES):
            return self.get_response(request)
        per_second, _ = _rate()
        if per_second > 0:
            ip = request.META.get("REMOTE_ADDR", "")
            wait = take_token(f"api-rate:{ip}", time.monotonic())
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
