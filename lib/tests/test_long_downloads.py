"""`make serve` lets a long download finish (issue 19): gunicorn's `gthread` worker keeps
answering the arbiter's heartbeat while a thread streams, so the worker timeout does not cut a
download that takes longer than it. The twin runs the old `sync` worker class with the same
timeout and the same download, and the download is cut: the test can fail.

The server is `make serve`'s command line (testing/real_server.py, checked against the Makefile
by test_concurrent_writes.py) with a 3 s timeout and one worker; the download streams for about
6 s (lib/tests/slow_download.py). The product's own export is downloaded through the same server
to its last line. Nothing is timed: the outcome is whether every byte arrived."""

from __future__ import annotations

import httpx
import pytest
from django.db import connection

from lib.tests import slow_download
from testing.real_server import Browser, ServerDatabase, start_server

pytestmark = [pytest.mark.servers, pytest.mark.slow]

SEED = "import json; print(json.dumps({}))"
EXPECTED = sum(len(f"{n};{slow_download.LINE}" * 100) for n in range(slow_download.CHUNKS))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    database = ServerDatabase(dict(connection.settings_dict), tmp_path_factory.mktemp("long"))
    try:
        database.build_template(SEED)
        yield database
    finally:
        database.drop()


def _server(database, tmp_path_factory, worker_class: str):
    return start_server(
        "serve",
        database.copy(worker_class),
        tmp_path_factory.mktemp(worker_class),
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "lib.tests.slow_download_settings",
            "WEB_CONCURRENCY": "1",
        },
        gunicorn_overrides={
            "--timeout": "3",
            "--worker-class": worker_class,
            "--workers": "1",
            # gunicorn runs gthread whenever threads > 1, whatever the class says.
            "--threads": "4" if worker_class == "gthread" else "1",
        },
    )


def _download(server, path: str) -> tuple[int, bytes]:
    received = bytearray()
    status = 0
    try:
        with httpx.stream(
            "GET", server.url + path, headers=Browser.headers(server), timeout=60
        ) as response:
            status = response.status_code
            for chunk in response.iter_bytes():
                received.extend(chunk)
    except httpx.HTTPError:
        pass  # a cut connection: what arrived is what counts
    return status, bytes(received)


def test_a_download_longer_than_the_worker_timeout_arrives_whole(database, tmp_path_factory):
    server = _server(database, tmp_path_factory, "gthread")
    try:
        status, body = _download(server, "/test-langsam-nedladdning.csv")
        assert status == 200
        assert len(body) == EXPECTED, server.log_tail()
        # The product's export through the same server, to its end.
        status, body = _download(server, "/beslut/export.csv")
        assert status == 200 and body.endswith(b"\n"), server.log_tail()
    finally:
        server.stop()


def test_twin_the_sync_worker_cuts_the_same_download(database, tmp_path_factory):
    server = _server(database, tmp_path_factory, "sync")
    try:
        status, body = _download(server, "/test-langsam-nedladdning.csv")
        assert len(body) < EXPECTED
    finally:
        server.stop()
