"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the live server.

The browser is Debian's own `/usr/bin/chromium` (`.ci/run` installs it when it is missing);
Playwright's downloaded browsers are never used. The live server needs committed data, so the
tests use `transactional_db` and load the structure and the demo data inside the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from demo.people import load_demo
from structure.loader import load_structure, read_data_file

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
# axe-core, pinned in package.json/package-lock.json; `make test` runs `npm ci` when it is missing.
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
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
# Generous: the first page of a fresh live server renders cold while the other worker is busy.
TIMEOUT_MS = 30_000

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
    """The built-in structure and the demo members and accounts, committed."""
    load_structure(read_data_file())
    load_demo()


@pytest.fixture
def demo_site(site):
    """`site` plus the demo meetings, minutes, cases and decisions, committed."""
    from demo.cases import load_case_demo
    from demo.coordinator import load_coordinator_demo
    from demo.followup import load_followup_demo
    from demo.meetings import load_meeting_demo

    load_meeting_demo()
    load_case_demo()
    load_followup_demo()
    load_coordinator_demo()


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable]:
    """`new_page(javascript=True, viewport=None, bypass_csp=False)`: a page in a fresh browser
    context (own cookies) on the live server; relative URLs go to the live server."""
    contexts = []

    def make(*, javascript: bool = True, viewport: dict | None = None, bypass_csp: bool = False):
        options = {"viewport": viewport} if viewport else {}
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="sv-SE",
            # Only the accessibility checks bypass the Content-Security-Policy: axe-core is
            # injected as an inline script, which the site's own policy rightly forbids.
            bypass_csp=bypass_csp,
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed from the npm lock file the first time it is needed."""
    npm = shutil.which("npm")
    if not AXE_JS.exists() and npm:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: install Node.js and npm, then run `npm ci`")
    return AXE_JS
