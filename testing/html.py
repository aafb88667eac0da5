"""Reading rendered pages in tests with the standard library's HTML parser (the project ships no
html5lib or lxml): the visible text, the ids, where elements sit, and the links."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

_INVISIBLE = {"script", "style", "template", "title"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    ancestors: tuple[str, ...]
    text: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), tuple(e.tag for e in self.stack))
        self.elements.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, dict(attrs), tuple(e.tag for e in self.stack)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if any(e.tag in _INVISIBLE for e in self.stack):
            return
        self.text.append(data)
        for element in self.stack:
            element.text.append(data)


def parse(html: str | bytes) -> _Reader:
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def visible_text(html: str | bytes) -> str:
    """The page's text as read on screen: no tags, attributes, scripts or styles."""
    return " ".join(" ".join(parse(html).text).split())


def elements(html: str | bytes, tag: str | None = None) -> list[Element]:
    return [e for e in parse(html).elements if tag is None or e.tag == tag]


def duplicate_ids(html: str | bytes) -> list[str]:
    """Every id that more than one element of the page carries."""
    counts = Counter(e.attrs["id"] for e in parse(html).elements if e.attrs.get("id"))
    return sorted(i for i, n in counts.items() if n > 1)


def links(html: str | bytes) -> list[str]:
    """The site's own links (href starting with "/", not "//"), in page order, once each."""
    seen = []
    for e in elements(html, "a"):
        href = e.attrs.get("href") or ""
        if href.startswith("/") and not href.startswith("//") and href not in seen:
            seen.append(href)
    return seen
