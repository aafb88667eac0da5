"""axe-core in the browser tests: the page's serious and critical violations, and the two widths
every page the suite visits is checked at (`e2e/conftest.py`'s `new_page`)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

BLOCKING_IMPACTS = {"serious", "critical"}
# The narrowest phone the site is made for, and a desktop.
NARROW_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def axe_violations(page: Page, axe_script: Path) -> list[tuple[str, str]]:
    """The page's serious and critical axe-core violations as (rule, readable line)."""
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        found.append(
            (
                violation["id"],
                f"{page.url}: {violation['id']} ({violation['impact']}, "
                f"{len(violation['nodes'])} element): {violation['help']} – {targets}",
            )
        )
    return found
