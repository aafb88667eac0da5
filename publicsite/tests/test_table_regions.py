"""The front-end convention for wide tables (README, "Front end"): every `.table-scroll` wrapper
is a focusable, named region, so a keyboard user can scroll it and a screen reader announces what
it holds (axe: scrollable-region-focusable, aria region names). Checked over every template file
of the repository, so a new template cannot forget it (#18)."""

import re
from pathlib import Path

import pytest

from testing.html import elements

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", ".git", "var"}


def _templates() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("templates/**/*.html")
        if not SKIP.intersection(path.relative_to(ROOT).parts)
    )


def _wrappers(path: Path):
    source = path.read_text(encoding="utf-8")
    found = [e for e in elements(source) if "table-scroll" in (e.attrs.get("class") or "").split()]
    return source, found


def test_the_templates_are_found():
    names = {str(p.relative_to(ROOT)) for p in _templates()}
    assert "templates/base.html" in names
    assert "desk/templates/desk/desk.html" in names
    assert sum(len(_wrappers(p)[1]) for p in _templates()) > 20


@pytest.mark.parametrize(
    "path",
    [p for p in _templates() if _wrappers(p)[1]],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_every_table_scroll_is_a_focusable_named_region(path):
    source, wrappers = _wrappers(path)
    ids = {e.attrs["id"] for e in elements(source) if e.attrs.get("id")}
    for wrapper in wrappers:
        attrs = wrapper.attrs
        assert attrs.get("role") == "region", attrs
        assert attrs.get("tabindex") == "0", attrs
        label, labelledby = attrs.get("aria-label"), attrs.get("aria-labelledby")
        assert (label and label.strip()) or labelledby, attrs
        if labelledby:
            # It names an element of the same template (the table's caption or a heading).
            # Split on spaces outside template variables ("tabell-{{ key }}" is one id).
            refs = re.split(r"\s+(?![^{]*}})", labelledby.strip())
            assert all(ref in ids for ref in refs), (labelledby, sorted(ids))


def test_a_wrapper_without_the_attributes_is_caught():
    """The twin: the check above would fail on the markup the templates had before."""
    bare = '<div class="table-scroll"><table><caption>X</caption></table></div>'
    (wrapper,) = [e for e in elements(bare) if e.attrs.get("class") == "table-scroll"]
    assert wrapper.attrs.get("role") != "region" and "tabindex" not in wrapper.attrs
