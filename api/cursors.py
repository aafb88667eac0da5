"""The changes feed's opaque cursor: a `change_feed.Position` as URL-safe text.

Clients pass it back unchanged; anything that does not decode to a position the feed could
have made is refused (`ValueError`, which the query schema turns into a 422), never a 500.
"""

from __future__ import annotations

import base64
import binascii
import datetime

from cases.change_feed import Kind, Position

MAX_CURSOR_LENGTH = 120
MAX_ID = 2**31 - 1
PREFIX = "v1"
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2101, 1, 1, tzinfo=datetime.UTC)


def encode(position: Position) -> str:
    at = position.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    raw = f"{PREFIX}|{at}|{int(position.kind)}|{position.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str) -> Position:
    if not cursor or len(cursor) > MAX_CURSOR_LENGTH or not cursor.isascii():
        raise ValueError("Ogiltig markör.")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, at_text, kind_text, id_text = raw.split("|")
        at = datetime.datetime.fromisoformat(at_text)
        kind = Kind(int(kind_text))
        pk = int(id_text)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise ValueError("Ogiltig markör.") from exc
    if prefix != PREFIX or at.tzinfo is None or not (EARLIEST <= at < LATEST):
        raise ValueError("Ogiltig markör.")
    if not (0 <= pk <= MAX_ID) or not kind_text.isdigit() or not id_text.isdigit():
        raise ValueError("Ogiltig markör.")
    return Position(at, kind, pk)
