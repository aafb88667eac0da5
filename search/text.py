"""Pure text helpers of the search: what is indexed, how a query is read on SQLite, and how a
snippet becomes safe HTML. No database here."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The highlighted words of a PostgreSQL headline are wrapped in these two private-use
# characters, never in HTML: the headline is escaped whole, then they become <mark>. They are
# removed from every indexed text, so a document cannot smuggle one in.
MARK_START = "\ue000"
MARK_END = "\ue001"
_UNSAFE = dict.fromkeys(map(ord, [MARK_START, MARK_END, "\x00"]))

# At most this many words of a query are used (SQLite), each at most this long.
MAX_WORDS = 10
MAX_WORD_LENGTH = 60
SNIPPET_RADIUS = 90
_WORD = re.compile(r"\w+")


def clean(text: str) -> str:
    """Indexed or queried text without NUL and without the highlight markers."""
    return (text or "").translate(_UNSAFE)


def fold(text: str) -> str:
    """Case-folded for SQLite's LIKE, which folds only ASCII: "ÄLDRE" -> "äldre"."""
    return clean(text).casefold()


def words(query: str) -> list[str]:
    """The query's words, case-folded, without operators or punctuation, duplicates dropped."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(query)):
        seen.setdefault(word[:MAX_WORD_LENGTH], None)
    return list(seen)[:MAX_WORDS]


def has_words(query: str) -> bool:
    return bool(_WORD.search(clean(query)))


def headline_html(headline: str) -> SafeString:
    """A PostgreSQL headline as HTML: everything escaped, only the hits in <mark>."""
    html = escape(headline or "")
    return mark_safe(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def snippet_html(body: str, query_words: list[str]) -> SafeString:
    """SQLite's snippet: the text around the first hit, escaped, each hit in <mark>."""
    body = clean(body)
    if not query_words:
        return mark_safe(escape(body[: 2 * SNIPPET_RADIUS]))
    pattern = re.compile("|".join(re.escape(w) for w in query_words), re.IGNORECASE)
    first = pattern.search(body)
    centre = first.start() if first else 0
    start = max(0, centre - SNIPPET_RADIUS)
    end = min(len(body), centre + SNIPPET_RADIUS)
    excerpt = body[start:end]
    parts = []
    position = 0
    for hit in pattern.finditer(excerpt):
        parts.append(escape(excerpt[position : hit.start()]))
        parts.append(f"<mark>{escape(hit.group())}</mark>")
        position = hit.end()
    parts.append(escape(excerpt[position:]))
    html = "".join(parts)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(body) else ""))
