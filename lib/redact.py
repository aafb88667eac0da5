"""Secrets that travel in a URL never reach a log line or a stored row.

Some routes carry a secret in the path: the survey's one-time link, a member's calendar feed and
the password-reset link. A log line with such a path is as good as the link itself, and for the
survey it names the person (the token's hash names the invitation) at the moment they answered.

`redact_url` replaces the secret parts of such a path by a placeholder named after the route's
argument (`/enkat/<token>/`, `/kalender/ledamot/<token>.ics`), also where the URL sits inside
another (`?next=/enkat/…`); `redact_text` does it for every URL in a text (a log message, a
request line, a Referer). `RedactSecretsFilter` applies it to every record that reaches a
handler of `settings.LOGGING` (runserver's `django.server`, `django.request`, `django.security`,
mail to the admins); `lib.gunicorn_logging` to gunicorn's access and error logs.

Only paths that start like a secret route are resolved (cheap for every other line). Where that
cannot decide (Django not set up in the process, a URL prefix in front of a secret route, a path
that does not resolve) a mask applies: a path segment that looks like a token (20 or more
URL-safe characters with a letter and a digit) becomes `<secret>`.
"""

from __future__ import annotations

import functools
import logging
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

# Routes (view names) whose path arguments are secrets, and those arguments.
SECRET_ROUTES: dict[str, tuple[str, ...]] = {
    "followup:survey_answer": ("token",),
    "meetings:member_feed": ("token",),
    "password_reset_confirm": ("uidb64", "token"),
}
# Routes whose query parameters are secrets: the identity provider's one-time code and the
# state that binds it to the browser.
SECRET_QUERY: dict[str, tuple[str, ...]] = {
    "oidc_authentication_callback": ("code", "state"),
}

# A URL inside a text: absolute (scheme and host), or a path that starts a word.
URL_IN_TEXT = re.compile(r"""https?://[^\s/"'<>?#]+[^\s"'<>]*|(?<![\w.~/%:-])/[^\s"'<>]*""")
# Prose and reprs put punctuation right after a path ("… /enkat/x/)").
TRAILING = ").,;:!]}"
TOKEN_LIKE = re.compile(r"(?<=/)[A-Za-z0-9_-]{20,}(?=[/.]|$)")


def redact_text(text: str) -> str:
    """`text` with every URL in it redacted (`redact_url`)."""
    if "/" not in text:
        return text
    return URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)


def redact_url(url: str) -> str:
    """The URL (absolute, or a path with its query) with the secrets of its route replaced by
    placeholders; unchanged when it carries none."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _mask(url)
    path, view_name = _redact_path(parts.path)
    query = _redact_query(parts.query, view_name)
    if path == parts.path and query == parts.query:
        return url
    return urlunsplit(parts._replace(path=path, query=query))


def route_is_secret(view_name: str | None) -> bool:
    return view_name in SECRET_ROUTES or view_name in SECRET_QUERY


def _redact_path(path: str) -> tuple[str, str | None]:
    if not path.startswith("/"):
        return path, None
    prefixes = _secret_prefixes()
    if prefixes is None:  # Django is not set up in this process (gunicorn's master)
        return _mask(path), None
    decoded = unquote(path)
    if not any(prefix in decoded for prefix in prefixes):
        return path, None  # the common case, without resolving the path
    if not decoded.startswith(prefixes):
        return _mask(path), None  # a secret route behind a URL prefix
    suffix = ""
    match = _resolve(decoded)
    if match is None and decoded.rstrip(TRAILING) != decoded:
        trimmed = decoded.rstrip(TRAILING)
        match = _resolve(trimmed)
        if match is not None:
            decoded, suffix = trimmed, decoded[len(trimmed) :]
    if match is None:
        return _mask(path), None
    names = SECRET_ROUTES.get(match.view_name)
    if not names:
        return path, match.view_name
    redacted = decoded
    for name in names:
        value = match.kwargs.get(name)
        if value:
            pattern = r"(?<=/)" + re.escape(str(value)) + r"(?=[/.]|$)"
            redacted, found = re.subn(pattern, f"<{name}>", redacted)
            if not found:  # a route whose secret is not a whole segment: keep only its name
                return f"/<{match.view_name}>" + suffix, match.view_name
    return redacted + suffix, match.view_name


def _redact_query(query: str, view_name: str | None) -> str:
    if not query:
        return query
    secret = SECRET_QUERY.get(view_name or "", ())
    pairs = parse_qsl(query, keep_blank_values=True)
    redacted = [
        (
            key,
            f"<{key}>"
            if key in secret
            else redact_url(value)
            if value.startswith(("/", "http://", "https://"))
            else value,
        )
        for key, value in pairs
    ]
    if redacted == pairs:
        return query
    return urlencode(redacted, safe="/<>:")


@functools.cache
def _secret_prefixes_of_urlconf() -> tuple[str, ...]:
    """The fixed start of each secret route's path ("/enkat/"), from the URLconf."""
    from django.urls import NoReverseMatch, get_script_prefix, reverse

    marker = "x" * 20  # fits every token pattern of ours
    prefixes = []
    routes = [(name, args) for name, args in SECRET_ROUTES.items()]
    routes += [(name, ()) for name in SECRET_QUERY]
    for view_name, args in routes:
        try:
            url = reverse(view_name, kwargs=dict.fromkeys(args, marker))
        except NoReverseMatch:
            continue
        url = "/" + url.removeprefix(get_script_prefix())
        prefixes.append(url.split(marker, 1)[0])
    return tuple(prefixes)


def _secret_prefixes() -> tuple[str, ...] | None:
    from django.apps import apps
    from django.conf import settings

    if not settings.configured or not apps.ready:
        return None
    return _secret_prefixes_of_urlconf()


def _resolve(path: str):
    """The route of `path`, or None."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None
    except Exception:  # a log line must never fail on a path it cannot parse
        return None


def _mask(path: str) -> str:
    def mask(m: re.Match) -> str:
        segment = m.group(0)
        looks_random = re.search(r"[A-Za-z]", segment) and re.search(r"[0-9]", segment)
        return "<secret>" if looks_random else segment

    return TOKEN_LIKE.sub(mask, path)


def _request_secrets(request) -> dict[str, str] | None:
    """None when `request` is not a request to a secret route; else its secret values (of 8
    characters or more, so that no common word is replaced) by their placeholders."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            full_path = request.get_full_path()
        except Exception:  # not an HttpRequest (runserver passes its socket)
            return None
        return {} if redact_url(full_path) != full_path else None
    if not route_is_secret(match.view_name):
        return None
    values = {name: match.kwargs.get(name) for name in SECRET_ROUTES.get(match.view_name, ())}
    values |= {name: request.GET.get(name) for name in SECRET_QUERY.get(match.view_name, ())}
    return {str(v): f"<{name}>" for name, v in values.items() if v and len(str(v)) >= 8}


class RedactSecretsFilter(logging.Filter):
    """Redacts the secrets of URLs in a record's message and traceback, for every handler.

    A record about a request to a secret route (Django's "Internal Server Error: …", "Not
    Found: …", a CSRF failure) also loses the route's secret values wherever they appear (an
    exception's message), its request and its exception objects: the mail to the admins would
    otherwise print the request's path, query, form values (a survey's answers) and the
    frames' local variables (the token). The traceback stays, as redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        secrets = _request_secrets(request) if request is not None else None
        try:
            message = record.getMessage()
        except Exception:  # let the handler report the broken record as it always does
            return True
        redacted = _redact(message, secrets)
        traceback = ""
        if record.exc_info:
            text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            traceback = _redact(text, secrets)
            if traceback != text and secrets is None:
                secrets = {}
        if secrets is not None or redacted != message:
            record.msg = redacted + ("\n" + traceback if traceback else "")
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            if hasattr(record, "request"):
                record.request = None
        return True


def _redact(text: str, secrets: dict[str, str] | None) -> str:
    text = redact_text(text)
    for value, placeholder in (secrets or {}).items():
        text = text.replace(value, placeholder)
    return text
