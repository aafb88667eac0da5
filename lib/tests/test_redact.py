"""Secrets in URLs become placeholders in every log line (lib/redact.py, R-F4)."""

import logging
import secrets
import sys

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from lib.redact import SECRET_QUERY, SECRET_ROUTES, RedactSecretsFilter, redact_text, redact_url

TOKEN = secrets.token_urlsafe(32)
FEED = secrets.token_urlsafe(24)
RESET = "cbv9zz-0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"/enkat/{TOKEN}/", "/enkat/<token>/"),
        (f"/kalender/ledamot/{FEED}.ics", "/kalender/ledamot/<token>.ics"),
        (f"/losenord/aterstall/MQ/{RESET}/", "/losenord/aterstall/<uidb64>/<token>/"),
        (
            f"https://samverkan.example/enkat/{TOKEN}/?x=1",
            "https://samverkan.example/enkat/<token>/?x=1",
        ),
        (
            f"/logga-in/tvastegs/?next=%2Fenkat%2F{TOKEN}%2F",
            "/logga-in/tvastegs/?next=/enkat/<token>/",
        ),
        (
            "/logga-in/sso/klar/?code=abc123def&state=xyz789",
            "/logga-in/sso/klar/?code=<code>&state=<state>",
        ),
        # behind a URL prefix the route does not resolve: a token-like segment is masked
        (f"/samverkan/enkat/{TOKEN}/", "/samverkan/enkat/<secret>/"),
    ],
)
def test_the_secret_of_a_route_becomes_a_placeholder(url, expected, db):
    assert redact_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "/uppfoljning/enkater/",
        "/grupper/lsg/",
        "/kalender/grupp/lsg.ics",
        "/sok/?q=%2Fenkat%2F",
        "/static/css/site.3f2a1b4c5d6e.css",
        "/finns-inte/",
    ],
)
def test_other_urls_are_left_as_they_are(url, db):
    assert redact_url(url) == url


def test_every_url_in_a_text_is_redacted_and_the_rest_kept(db):
    line = (
        f'127.0.0.1 - - [01/Dec/2026:10:00:00 +0100] "POST /enkat/{TOKEN}/ HTTP/1.1" 200 31 '
        f'"https://samverkan.example/enkat/{TOKEN}/" "Mozilla/5.0 (X11; Linux x86_64)"'
    )
    assert redact_text(line) == (
        '127.0.0.1 - - [01/Dec/2026:10:00:00 +0100] "POST /enkat/<token>/ HTTP/1.1" 200 31 '
        '"https://samverkan.example/enkat/<token>/" "Mozilla/5.0 (X11; Linux x86_64)"'
    )
    assert redact_text(f"(see /enkat/{TOKEN}/).") == "(see /enkat/<token>/)."


def _patterns(resolvers, prefix=""):
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry.url_patterns, prefix + namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry.pattern.regex.groupindex


def test_every_route_with_a_token_in_its_path_is_a_secret_route(db):
    """A new route with `<token>` (or a secret, a uid) in its path must be listed."""
    secret_names = {"token", "uidb64", "secret"}
    with_secrets = {
        name
        for name, groups in _patterns(get_resolver().url_patterns)
        if secret_names & set(groups)
    }
    assert with_secrets == set(SECRET_ROUTES)
    assert set(SECRET_QUERY) <= {name for name, _ in _patterns(get_resolver().url_patterns)}


def _record(message, *args, exc_info=None, **extra):
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, message, args, exc_info
    )
    record.__dict__.update(extra)
    return record


def test_the_filter_redacts_the_message_and_keeps_other_records_untouched(db):
    record = _record("Not Found: %s", f"/enkat/{TOKEN}/")
    assert RedactSecretsFilter().filter(record) is True
    assert record.getMessage() == "Not Found: /enkat/<token>/"
    plain = _record("Not Found: %s", "/grupper/lsg/")
    RedactSecretsFilter().filter(plain)
    assert (plain.msg, plain.args) == ("Not Found: %s", ("/grupper/lsg/",))


def test_a_record_of_a_secret_route_loses_request_frames_and_the_token_everywhere(rf, db):
    from django.urls import resolve

    request = rf.post(f"/enkat/{TOKEN}/", {"E1": "5"})
    request.resolver_match = resolve(request.path)
    try:
        raise RuntimeError(f"failed for {TOKEN}")
    except RuntimeError:
        exc_info = sys.exc_info()
    record = _record("Internal Server Error: %s", request.path, exc_info=exc_info, request=request)
    RedactSecretsFilter().filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text
    assert "Internal Server Error: /enkat/<token>/" in text
    assert "RuntimeError: failed for <token>" in text
    assert record.request is None and record.exc_info is None


def test_twin_an_unfiltered_record_keeps_the_token(rf, db):
    record = _record("Not Found: %s", f"/enkat/{TOKEN}/")
    assert TOKEN in logging.Formatter().format(record)
