"""Raw keys on rendered pages, and a bounded crawl of the site's own links (#18: "no raw key
appears on any page").

A raw key is what the code knows and the reader should never see: a model choice's stored value
shown instead of its label (`vice_chair`, `in_approval`), a template tag left in the text
(`{{`, `{%`), Python's `None`, or a dotted message key (`desk.kind.review`). `raw_keys(html)`
reads the page's visible text (`testing.html.visible_text`); `crawl(client, starts)` follows
every same-site GET link from the start pages, a few pages per URL pattern, and yields each HTML
page it reached.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from functools import cache
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import Resolver404, resolve

from testing.html import links, visible_text

# A stored value that is a code identifier: lower case, digits and underscores.
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
# Single-word values that are also ordinary Swedish words, read in running text as such
# ("Regionen", "ett hybrid möte", "information"): only their snake_case siblings are keys.
SWEDISH_WORDS = frozenset(
    {"digital", "hybrid", "information", "present", "region", "regional", "video"}
)
# The letters a word is made of, and the characters that make a neighbouring word part of a
# longer token (an address, a path, a file name, a hyphenated compound): "api-token", "/kalender/".
_WORD_CHARS = r"A-Za-z0-9_ÅÄÖåäöÉé"
_BEFORE = rf"(?<![{_WORD_CHARS}@/.\-])"
# After the word: a full stop or colon ends a sentence or a label ("chair: Anna"), unless a
# letter follows it ("alla.ics", "https:").
_AFTER = rf"(?![{_WORD_CHARS}@/\-]|[.:=][{_WORD_CHARS}/])"
_TEMPLATE_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}")
_NONE = re.compile(rf"(?<![{_WORD_CHARS}])None(?![{_WORD_CHARS}])")
# Three or more dot-joined lower-case identifiers, not part of an address or a host name.
_DOTTED = re.compile(r"(?<![\w@/.\-])[a-z][a-z_]*(?:\.[a-z][a-z_]*){2,}(?![\w@/\-]|\.\w)")
_HOST_ENDINGS = (".se", ".com", ".org", ".net", ".nu", ".eu", ".io", ".example", ".local")


@cache
def choice_keys() -> frozenset[str]:
    """Every stored value of a choice on any model whose label differs from it and that looks
    like a code identifier (`vice_chair`, `awaiting_approval`, `draft`), less the single words
    Swedish also has."""
    keys = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not getattr(field, "choices", None):
                continue
            for value, label in field.flatchoices:
                if isinstance(value, str) and value != str(label) and _IDENTIFIER.match(value):
                    keys.add(value)
    return frozenset(k for k in keys if "_" in k or k not in SWEDISH_WORDS)


@cache
def _choice_pattern() -> re.Pattern:
    words = "|".join(sorted((re.escape(k) for k in choice_keys()), key=len, reverse=True))
    return re.compile(rf"{_BEFORE}(?:{words}){_AFTER}")


def raw_keys_in_text(text: str) -> list[str]:
    """What in `text` (a page as read) is a raw key, each as a short description."""
    found = [f"choice value {m.group(0)!r}" for m in _choice_pattern().finditer(text)]
    found += [f"template leftover {m.group(0)!r}" for m in _TEMPLATE_LEFTOVER.finditer(text)]
    found += ["'None'" for _ in _NONE.finditer(text)]
    found += [
        f"dotted key {m.group(0)!r}"
        for m in _DOTTED.finditer(text)
        if not m.group(0).endswith(_HOST_ENDINGS)
    ]
    return list(dict.fromkeys(found))


def raw_keys(html: str | bytes) -> list[str]:
    return raw_keys_in_text(visible_text(html))


# --- The crawl ---------------------------------------------------------------------------------

# Never followed: the admin (administrators' own tool, outside the product's pages), signing
# out, and anything a GET would be wrong for.
SKIPPED_PREFIXES = ("/admin/", "/logga-ut/", "/static/", "/media/")
MAX_BYTES = 1_000_000


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route or match.view_name


def crawl(
    client, starts: Iterable[str], *, limit: int = 400, per_route: int = 3
) -> Iterator[tuple[str, int, str]]:
    """Breadth-first over the site's own links from `starts`, as `client` is signed in: yields
    (url, status, html) for every HTML page fetched. At most `per_route` pages per URL pattern
    (a list's tenth page or the fortieth meeting adds nothing new) and `limit` pages in all;
    redirects are followed as links. Downloads, non-HTML answers and pages over 1 MB are read
    no further."""
    queue = deque(starts)
    seen: set[str] = set(queue)
    per: Counter[str] = Counter()
    fetched = 0
    while queue and fetched < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        route = _route(path)
        if route is None or path.startswith(SKIPPED_PREFIXES) or per[route] >= per_route:
            continue
        per[route] += 1
        fetched += 1
        response = client.get(url)
        if response.status_code in (301, 302, 303, 307, 308):
            target = response["Location"]
            if target.startswith("/") and not target.startswith("//") and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or len(response.content) > MAX_BYTES
        ):
            continue
        html = response.content.decode()
        yield url, response.status_code, html
        for href in links(html):
            href = href.split("#")[0]
            if href and href not in seen:
                seen.add(href)
                queue.append(href)
