"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the live server.

The browser is Debian's own `/usr/bin/chromium` (`.ci/run` installs it when it is missing);
Playwright's downloaded browsers are never used. The live server needs committed data, so the
tests use `transactional_db` and load the structure and the demo data inside the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

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


# Each page the suite reaches is checked once per worker at both widths (see `new_page`).
_AXE_CHECKED: set[str] = set()
# Not pages: sign-out, the admin (Django's own), downloads and feeds.
_NOT_CHECKED = re.compile(r"^/(?:admin/|logga-ut/)|\.(?:ics|pdf|csv|json|jsonld|xlsx|xml|rdf|ttl)$")


@pytest.fixture
def new_page(browser, live_server, axe_script) -> Iterator[Callable]:
    """`new_page(javascript=True, viewport=None, bypass_csp=False)`: a page in a fresh browser
    context (own cookies) on the live server; relative URLs go to the live server.

    Every page a test navigates to is checked with axe afterwards, on a 320 px phone and on a
    desktop, as the same signed-in person (0 serious or critical violations): the whole e2e
    suite's pages, not only those of the accessibility walks. A page is checked once per
    worker; downloads, feeds, sign-out and the admin are left out."""
    contexts = []
    reached: list[tuple] = []

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
        page = context.new_page()

        def navigated(response) -> None:
            request = response.request
            html = response.headers.get("content-type", "").startswith("text/html")
            if request.is_navigation_request() and request.method == "GET" and response.ok and html:
                reached.append((context, response.url))

        page.on("response", navigated)
        return page

    yield make
    problems = _axe_both_widths(browser, live_server.url, reached, axe_script)
    for context in contexts:
        context.close()
    assert problems == [], "axe on the pages this test reached:\n" + "\n".join(problems)


def _axe_both_widths(browser, base_url: str, reached: list[tuple], axe_script: Path) -> list[str]:
    from e2e.axe import DESKTOP, NARROW_PHONE, axe_violations

    problems = []
    checkers: dict = {}
    for context, url in reached:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base_url or _NOT_CHECKED.search(parts.path):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in _AXE_CHECKED:
            continue
        _AXE_CHECKED.add(path)
        if context not in checkers:
            # The cookies the test's context has now (the same person), script allowed for axe.
            state = context.storage_state()
            checkers[context] = [
                browser.new_context(
                    base_url=base_url, storage_state=state, viewport=size, bypass_csp=True
                ).new_page()
                for size in (NARROW_PHONE, DESKTOP)
            ]
        for page in checkers[context]:
            response = page.goto(path)
            if response is None or not response.ok:
                continue  # a one-time page (a used link, a finished step) is not there twice
            width = page.viewport_size["width"]
            problems += [f"{width} px {line}" for _, line in axe_violations(page, axe_script)]
    for pages in checkers.values():
        for page in pages:
            page.context.close()
    return problems


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed from the npm lock file the first time it is needed."""
    npm = shutil.which("npm")
    if not AXE_JS.exists() and npm:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: install Node.js and npm, then run `npm ci`")
    return AXE_JS
