"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the live server.

The browser is Debian's own `/usr/bin/chromium` (`.ci/run` installs it when it is missing);
Playwright's downloaded browsers are never used. The live server needs committed data, so the
tests use `transactional_db` and load the structure and the demo data inside the test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from demo.people import load_demo
from structure.loader import load_structure, read_data_file

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # a small /dev/shm (containers) must not crash the renderer
]
TIMEOUT_MS = 15_000

# Playwright's sync API runs an asyncio event loop in this thread; Django would otherwise refuse
# the ORM calls the tests make between page loads (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(transactional_db):
    """The Västerbotten structure and the demo members and accounts, committed."""
    load_structure(read_data_file())
    load_demo()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    """`new_page(javascript=True)`: a page in a fresh browser context (own cookies) on the
    live server; relative URLs go to the live server."""
    contexts = []

    def make(*, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, locale="sv-SE"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
