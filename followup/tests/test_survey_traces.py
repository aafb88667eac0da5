"""A survey answer leaves no trace of who gave it (R-F4), read as an attacker would: every row of
every table and every log line an operator keeps, after a signed-in coordinator answers through
the real view. Each check has a twin that switches one protection off and sees the harness find
the trace, so none of these tests can pass by looking in the wrong place."""

import datetime
import io
import logging
import re

import pytest
from django.core import mail
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import transaction
from django.test import Client
from django.utils import timezone
from gunicorn.config import Config
from gunicorn.glogging import Logger

from accounts.models import User
from followup import services
from followup.models import SurveyTally
from lib.gunicorn_logging import RedactingLogger
from lib.redact import RedactSecretsFilter
from structure.models import Group
from testing.traces import (
    captured_logs,
    cells_containing,
    changes,
    dump_database,
    moments_between,
)

ANSWERS = {"E1": "5", "E2": "4", "E3": "2", "E4": "4", "E5": "1"}
PASSWORD = "x-test-pass-123"
# The only rows an answer may change, and in them only these columns.
ANSWER_WRITES = {"followup_surveytally": {"count"}, "followup_surveyinvitation": {"answered"}}


def gunicorns_own(log: logging.Logger) -> list[logging.Handler]:
    """The handlers gunicorn's logger class made (the test run may add its own)."""
    return [h for h in log.handlers if getattr(h, "_gunicorn", False)]


@pytest.fixture(autouse=True)
def _no_gunicorn_handlers_left():
    """Each gunicorn logger built here adds handlers to the global gunicorn loggers."""
    yield
    for name in ("gunicorn.access", "gunicorn.error"):
        log = logging.getLogger(name)
        for handler in gunicorns_own(log):
            log.removeHandler(handler)


@pytest.fixture
def signed_in(client, seat, django_capture_on_commit_callbacks):
    """A coordinator who is also an LSG member, signed in, with the link mailed to them (and two
    other members invited). Returns (client, token)."""
    me, *_ = seat("lsg", 3)
    user = User.objects.create_user(
        "kim.koordinator", password=PASSWORD, is_coordinator=True, person=me, email=me.email
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey_round(
            by=user,
            title="Enkät 2026",
            year=2026,
            closes_on=timezone.localdate() + datetime.timedelta(days=14),
            groups=Group.objects.filter(slug="lsg"),
        )
    (message,) = [m for m in mail.outbox if m.to == [me.email]]
    token = re.search(r"/enkat/([\w-]+)/", message.body).group(1)
    mail.outbox.clear()
    assert client.login(username="kim.koordinator", password=PASSWORD)
    return client, token


def gunicorn_logger(logger_class=RedactingLogger) -> Logger:
    config = Config()
    config.set("accesslog", "-")
    return logger_class(config)


class _Response:
    def __init__(self, response):
        self.status = f"{response.status_code} {response.reason_phrase}"
        self.sent = len(response.content)
        self.headers = list(response.items())


def log_as_servers(response, access_logger: Logger) -> None:
    """Log the request as runserver (`django.server`) and gunicorn's access log would."""
    environ = dict(response.wsgi_request.environ)
    query = environ.get("QUERY_STRING")
    environ["RAW_URI"] = environ["PATH_INFO"] + (f"?{query}" if query else "")
    environ.setdefault("SERVER_PROTOCOL", "HTTP/1.1")
    request_line = f"{environ['REQUEST_METHOD']} {environ['RAW_URI']} HTTP/1.1"
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request, handler.requestline = None, request_line
    handler.log_request(response.status_code, len(response.content))
    headers = [
        (key[5:].replace("_", "-"), value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    ]
    access_logger.access(_Response(response), headers, environ, datetime.timedelta(milliseconds=12))


def answer_and_collect(client, token, access_logger):
    """The coordinator opens the link, answers, opens it again (404), posts once more without a
    CSRF token (403); the thanks page's stylesheet is fetched with the link as Referer. Returns
    (database before, after, start, end, {log: text})."""
    path = f"/enkat/{token}/"
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    (stream,) = gunicorns_own(access_logger.access_log)
    before = dump_database()
    start = timezone.now()
    with captured_logs("console", "django.server") as logs:
        access = io.StringIO()
        stream.setStream(access)
        responses = [
            client.get(path),
            client.post(path, ANSWERS),
            client.get(path),
            csrf_client.post(path, ANSWERS),
            client.get("/static/css/site.css", HTTP_REFERER=f"http://testserver{path}"),
        ]
        for response in responses:
            log_as_servers(response, access_logger)
    end = timezone.now() + datetime.timedelta(seconds=1)
    assert [r.status_code for r in responses[:4]] == [200, 200, 404, 403]
    assert "Tack för dina svar" in responses[1].content.decode()
    text = {name: buffer.getvalue() for name, buffer in logs.items()}
    text["gunicorn access"] = access.getvalue()
    return before, dump_database(), start, end, text


def findings(before, after, start, end, logs, token) -> list[str]:
    """Every trace that ties the answer to the person: the token or its hash in a log or a row,
    a row written other than the answer's counts and the invitation's flag, a moment of the
    answer stored anywhere."""
    found = []
    digest = services.hash_token(token)
    for name, text in logs.items():
        found += [f"token in {name} log"] if token in text else []
        found += [f"token hash in {name} log"] if digest in text else []
    found += [f"token in {cell}" for cell in cells_containing(after, token)]
    for change in changes(before, after):
        allowed = ANSWER_WRITES.get(change.table)
        if allowed is None:
            found.append(f"{change.table} written")
            continue
        old = {row[0]: row for row in change.gone}
        new = {row[0]: row for row in change.new}
        if old.keys() != new.keys():
            found.append(f"{change.table}: rows added or removed")
            continue
        for pk, row in new.items():
            differ = {c for c, a, b in zip(change.columns, old[pk], row, strict=True) if a != b}
            if not differ <= allowed:
                found.append(f"{change.table}: {sorted(differ - allowed)} changed")
    found += [f"{cell} dates the answer" for cell in moments_between(after, start, end)]
    return found


def test_a_signed_in_coordinators_answer_leaves_no_token_and_nothing_that_names_them(signed_in):
    client, token = signed_in
    before, after, start, end, logs = answer_and_collect(client, token, gunicorn_logger())

    assert findings(before, after, start, end, logs, token) == []
    # The answer was counted, and the logs were read where the requests were logged.
    counts = {(t.goal, t.value): t.count for t in SurveyTally.objects.filter(count__gt=0)}
    assert counts == {(goal, int(value)): 1 for goal, value in ANSWERS.items()}
    assert '"POST /enkat/<token>/ HTTP/1.1" 200' in logs["django.server"]
    assert '"POST /enkat/<token>/ HTTP/1.1" 200' in logs["gunicorn access"]
    assert '"http://testserver/enkat/<token>/"' in logs["gunicorn access"]  # the Referer
    assert "Not Found: /enkat/<token>/" in logs["console"]
    assert "Forbidden (CSRF token missing.): /enkat/<token>/" in logs["console"]


def test_twin_without_the_protections_the_same_harness_finds_the_person(signed_in, monkeypatch):
    """The answer audited like every other write, the session's idle timer touched by the
    route, no log filter, the stock gunicorn logger: the harness sees each of them."""
    import accounts.middleware
    from audit import services as audit

    client, token = signed_in
    answer_survey = services.answer_survey

    def audited_answer(*, token, values, today=None):
        with transaction.atomic():
            invitation = services.invitation_for_token(token, today)
            answer_survey(token=token, values=values, today=today)
            audit.record_write(actor=None, action="followup.answer_survey", target=invitation)

    monkeypatch.setattr(services, "answer_survey", audited_answer)
    monkeypatch.setattr(accounts.middleware, "route_is_secret", lambda view_name: False)
    for name in ("console", "django.server"):
        handler = logging._handlers[name]
        unfiltered = [f for f in handler.filters if not isinstance(f, RedactSecretsFilter)]
        monkeypatch.setattr(handler, "filters", unfiltered)
    before, after, start, end, logs = answer_and_collect(client, token, gunicorn_logger(Logger))

    found = findings(before, after, start, end, logs, token)
    for trace in (
        "token in console log",
        "token in django.server log",
        "token in gunicorn access log",
        "audit_auditevent written",
        "audit_auditevent.at dates the answer",
        "django_session written",
        "django_session (decoded).value dates the answer",
    ):
        assert trace in found


@pytest.fixture
def broken_answer(monkeypatch, settings):
    """The answer fails with an error whose message holds the token; errors go to the admins."""
    settings.ADMINS = [("Drift", "drift@example.org")]

    def answer_survey(*, token, values, today=None):
        raise RuntimeError(f"could not count the answers of {token}")

    monkeypatch.setattr(services, "answer_survey", answer_survey)


def error_report(client, token) -> str:
    erring = Client(raise_request_exception=False)
    erring.cookies = client.cookies
    with captured_logs("console") as logs:
        response = erring.post(f"/enkat/{token}/", ANSWERS)
    assert response.status_code == 500
    mails = [m for m in mail.outbox if m.to == ["drift@example.org"]]
    assert len(mails) == 1
    return logs["console"].getvalue() + "\n" + mails[0].subject + "\n" + mails[0].body


def test_an_error_report_on_the_survey_link_holds_neither_token_nor_answers(
    signed_in, broken_answer
):
    client, token = signed_in
    report = error_report(client, token)
    assert "Internal Server Error: /enkat/<token>/" in report
    # The traceback stays, as text, with the token replaced also where it is not in a URL.
    assert "RuntimeError: could not count the answers of <token>" in report
    assert token not in report
    assert "E5" not in report and "kim.koordinator" not in report  # no form, no user


def test_twin_without_the_filter_the_error_report_holds_token_and_answers(
    signed_in, broken_answer, monkeypatch
):
    client, token = signed_in
    for name in ("console", "mail_admins"):
        handler = logging._handlers[name]
        unfiltered = [f for f in handler.filters if not isinstance(f, RedactSecretsFilter)]
        monkeypatch.setattr(handler, "filters", unfiltered)
    report = error_report(client, token)
    assert token in report
    assert "kim.koordinator" in report  # the request, with its user
