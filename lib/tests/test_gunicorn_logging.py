"""gunicorn's access and error logs through our logger class (`make serve`), fed fake records."""

import datetime
import io
import logging
import secrets

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from lib.gunicorn_logging import RedactingLogger

TOKEN = secrets.token_urlsafe(32)
# Every atom that carries a URL or a credential, whatever an operator's format asks for.
EVERY_URL_ATOM = (
    '"%(r)s" %(U)s %(q)s %({raw_uri}e)s "%(f)s" %({referer}i)s %({authorization}i)s %({cookie}i)s'
)


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


class Response:
    status = "200 OK"
    sent = 31
    headers = [("Content-Type", "text/html")]


def access_line(logger_class, *, path, query="", log_format=None) -> str:
    config = Config()
    config.set("accesslog", "-")
    if log_format:
        config.set("access_log_format", log_format)
    logger = logger_class(config)
    buffer = io.StringIO()
    for handler in gunicorns_own(logger.access_log):
        handler.setStream(buffer)
    raw_uri = path + (f"?{query}" if query else "")
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": f"https://samverkan.example{raw_uri}",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    headers = [
        ("REFERER", environ["HTTP_REFERER"]),
        ("AUTHORIZATION", f"Bearer {TOKEN}"),
        ("COOKIE", f"sessionid={TOKEN}"),
    ]
    logger.access(Response(), headers, environ, datetime.timedelta(milliseconds=5))
    return buffer.getvalue()


def test_the_access_log_names_the_route_not_the_token(db):
    line = access_line(RedactingLogger, path=f"/enkat/{TOKEN}/")
    assert TOKEN not in line
    assert (
        '"POST /enkat/<token>/ HTTP/1.1" 200 31 "https://samverkan.example/enkat/<token>/"' in line
    )


@pytest.mark.parametrize(
    ("path", "query"),
    [
        (f"/enkat/{TOKEN}/", ""),
        (f"/kalender/ledamot/{TOKEN[:32]}.ics", ""),
        ("/logga-in/tvastegs/", f"next=%2Fenkat%2F{TOKEN}%2F"),
        ("/logga-in/sso/klar/", f"code={TOKEN}&state={TOKEN[::-1]}"),
    ],
)
def test_no_atom_of_any_format_prints_a_secret(path, query, db):
    line = access_line(RedactingLogger, path=path, query=query, log_format=EVERY_URL_ATOM)
    assert TOKEN not in line and TOKEN[:32] not in line and TOKEN[::-1] not in line
    assert "<redacted>" in line  # the credential headers


def test_twin_gunicorns_own_logger_prints_the_token(db):
    line = access_line(Logger, path=f"/enkat/{TOKEN}/")
    assert f"POST /enkat/{TOKEN}/" in line


def test_the_error_log_is_redacted_too(db):
    config = Config()
    logger = RedactingLogger(config)
    buffer = io.StringIO()
    for handler in gunicorns_own(logger.error_log):
        handler.setStream(buffer)
    logger.error("Error handling request %s", f"/enkat/{TOKEN}/")
    assert "Error handling request /enkat/<token>/" in buffer.getvalue()
    assert TOKEN not in buffer.getvalue()
