"""Rate limits, CORS and conditional GET for the open data endpoints (API, OParl, catalogue).

- Rate limit: per client IP in Django's cache, `API_RATE_LIMIT_BURST` requests per window of
  BURST / PER_MINUTE minutes (`API_RATE_LIMIT_PER_MINUTE` on average); over it answers 429 JSON
  in Swedish with `Retry-After`. 0 switches the limit off. A request with a valid token counts
  against the token instead, at the token's own rate or `API_TOKEN_RATE_LIMIT_PER_MINUTE` (a
  harvester with a token can walk OParl); an invalid token counts against the address, so made-up
  tokens never open new buckets. With several app servers set `CACHE_URL` (Redis) so they count in
  one place; with a cache per process each process would allow the full rate on its own.
- Every answer under `/api/` is JSON, unknown paths and refused methods too; `HEAD` is answered
  as `GET` without the body.
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

from api import tokens
from api.errors import error_response
from audit.services import client_ip

API_PREFIX = "/api/"
OPEN_DATA_PREFIXES = (API_PREFIX, "/oparl/", "/data/")
READ_METHODS = {"GET", "HEAD"}


def _rate(token=None) -> tuple[float, float]:
    """(requests per second, burst) for an address, or for a valid token."""
    if token is None:
        per_minute = getattr(settings, "API_RATE_LIMIT_PER_MINUTE", 120)
        burst = getattr(settings, "API_RATE_LIMIT_BURST", 60)
        return per_minute / 60.0, float(burst)
    per_minute = token.rate_limit_per_minute or getattr(
        settings, "API_TOKEN_RATE_LIMIT_PER_MINUTE", 1200
    )
    # A window of half a minute at the token's rate.
    return per_minute / 60.0, float(max(1, per_minute // 2))


def bearer_token(request) -> str | None:
    """The token in `Authorization: Bearer …`, split as django-ninja splits it."""
    parts = request.headers.get("Authorization", "").split(" ")
    if len(parts) < 2 or parts[0].lower() != "bearer":
        return None
    return " ".join(parts[1:])


def take_token(key: str, now: float, *, per_second: float | None = None, burst=None) -> float:
    """Counts one request; returns 0 if allowed, else seconds until the next window opens.

    A fixed window per client: at most `burst` requests per `burst / rate` seconds, which is the
    configured rate on average. The count is one atomic `incr` in the cache, so app servers that
    share a cache (Redis) share the limit without losing updates, and `now` is wall-clock time
    (not a process's monotonic clock), which means the same on every server.
    """
    if per_second is None:
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
        raw = bearer_token(request)
        token = tokens.verify(raw) if raw else None
        if token is not None:
            # The API's authentication takes it from here instead of looking it up again.
            request.verified_api_token = (raw, token)
            if not request.path.startswith(API_PREFIX):
                # OParl and the catalogue ignore tokens, but a token's rate is a use: logged.
                tokens.authenticate(
                    raw,
                    method=request.method,
                    path=request.path,
                    ip=client_ip(request),
                    verified=token,
                )
        per_second, burst = _rate(token)
        if per_second > 0:
            if token is not None:
                key = f"api-rate:token:{token.pk}"
            else:
                # Behind the proxy in front of several app servers: the client's address, not
                # the proxy's (PROXY_COUNT, as for the sign-in lockout).
                key = f"api-rate:{client_ip(request) or ''}"
            wait = take_token(key, time.time(), per_second=per_second, burst=burst)
            if wait:
                response = error_response(429)
                response["Retry-After"] = str(math.ceil(wait))
                return response
        head = request.method == "HEAD" and request.path.startswith(API_PREFIX)
        if head:
            # django-ninja routes GET only; HEAD is the same answer without its body.
            request.method = "GET"
        response = self._serve(request)
        if head:
            request.method = "HEAD"
            response = _without_body(response)
        return response

    def _serve(self, request):
        public_read = request.method in READ_METHODS and "Authorization" not in request.headers
        if request.method == "OPTIONS" and "Authorization" not in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
            response["Access-Control-Max-Age"] = "86400"
            response["Access-Control-Allow-Origin"] = "*"
            return response
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response = _as_json_error(response)
        elif response.status_code == 400 and not _is_json(response):
            # E.g. the NUL-character guard: the same refusal, as JSON like every other error.
            response = _as_json_error(response)
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


def _is_json(response) -> bool:
    return response.get("Content-Type", "").startswith("application/json")


def _as_json_error(response):
    """An error answer that is not JSON (Django's 404 page, a bare 405, the 500 page, the NUL
    guard's 400) as the API's JSON error, keeping the headers a client needs."""
    if response.status_code < 400 or _is_json(response) or response.streaming:
        return response
    message = None
    if response.status_code == 400:
        text = response.content.decode(errors="replace").strip()
        message = text if text and len(text) < 300 and "<" not in text else None
    converted = error_response(response.status_code, message)
    for header in ("Allow", "Retry-After", "WWW-Authenticate"):
        if response.has_header(header):
            converted[header] = response[header]
    return converted


def _without_body(response):
    """The answer to HEAD: the GET's status and headers, no body, the body's length kept."""
    if response.streaming:
        response.streaming_content = []
        return response
    length = len(response.content)
    response.content = b""
    response["Content-Length"] = str(length)
    return response
