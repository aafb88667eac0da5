"""What a request left behind: every row of every table, and what the logs printed.

For the tests that prove something leaves no trace (a survey answer): snapshot the database
before, do it, snapshot after, and compare. `dump_database` reads every table by raw SQL (the
models' tables, the many-to-many tables, and those no model has: migrations, SQLite's
sequences), PostgreSQL's sequences, and the sessions decoded. `captured_logs` swaps the streams
of the handlers that `settings.LOGGING` configures, so a test reads what an operator's log
would hold.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
import math
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection

Row = tuple


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]


@dataclass
class Change:
    """Rows of one table that appeared or disappeared (a changed row does both)."""

    table: str
    columns: list[str]
    new: list[Row] = field(default_factory=list)
    gone: list[Row] = field(default_factory=list)


def table_names() -> list[str]:
    with connection.cursor() as cursor:
        names = set(connection.introspection.table_names(cursor))
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_sequence'")
            names |= {row[0] for row in cursor.fetchall()}
    model_tables = {
        m._meta.db_table
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    }
    missing = model_tables - names
    assert not missing, f"model tables not in the database: {missing}"
    return sorted(names)


def dump_database() -> dict[str, Table]:
    """Every row of every table, as raw SQL returns it, plus the sessions decoded (one row per
    key, in the pseudo-table "django_session (decoded)")."""
    dump = {}
    with connection.cursor() as cursor:
        for name in table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(name)}")
            columns = [c[0] for c in cursor.description]
            rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
            dump[name] = Table(columns, rows)
        if connection.vendor == "postgresql":
            # A sequence moves on every insert, also one rolled back: no table shows that.
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
            dump["(sequences)"] = Table(["name", "last_value"], cursor.fetchall())
    if "django_session" in dump:
        dump["django_session (decoded)"] = _decoded_sessions(dump["django_session"])
    return dump


def _plain(value):
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).decode("latin-1")
    return value


def _decoded_sessions(sessions: Table) -> Table:
    from django.contrib.sessions.backends.db import SessionStore

    key, data = sessions.columns.index("session_key"), sessions.columns.index("session_data")
    rows = [
        (row[key], item, value)
        for row in sessions.rows
        for item, value in sorted(SessionStore().decode(row[data]).items())
    ]
    return Table(["session_key", "key", "value"], rows)


def changes(before: dict[str, Table], after: dict[str, Table]) -> list[Change]:
    found = []
    for name in sorted(set(before) | set(after)):
        old = Counter(before[name].rows if name in before else [])
        new = Counter(after[name].rows if name in after else [])
        if old != new:
            columns = (after.get(name) or before[name]).columns
            found.append(
                Change(name, columns, list((new - old).elements()), list((old - new).elements()))
            )
    return found


def cells_containing(dump: dict[str, Table], needle: str) -> list[str]:
    """ "table.column" of every cell whose text holds `needle`."""
    return [
        f"{name}.{table.columns[i]}"
        for name, table in dump.items()
        for row in table.rows
        for i, value in enumerate(row)
        if value is not None and needle in str(value)
    ]


def moments_between(
    dump: dict[str, Table], start: datetime.datetime, end: datetime.datetime
) -> list[str]:
    """ "table.column" of every cell that dates a moment in [start, end]: a date-time, or an
    integer of Unix seconds (as a session keeps its last request)."""
    return [
        f"{name}.{table.columns[i]}"
        for name, table in dump.items()
        for row in table.rows
        for i, value in enumerate(row)
        if _is_between(value, start, end)
    ]


def _is_between(value, start, end) -> bool:
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] in " T":
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return False
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return start <= value <= end
    if isinstance(value, int) and not isinstance(value, bool):
        return math.floor(start.timestamp()) <= value <= math.ceil(end.timestamp())
    return False


@contextlib.contextmanager
def captured_logs(*handler_names: str):
    """The text written by the named handlers of `settings.LOGGING` while the block runs."""
    buffers = {}
    swapped = []
    for name in handler_names:
        handler = logging._handlers.get(name)  # dictConfig names each handler by its key
        assert isinstance(handler, logging.StreamHandler), f"no stream handler {name!r}"
        buffers[name] = io.StringIO()
        swapped.append((handler, handler.setStream(buffers[name])))
    try:
        yield buffers
    finally:
        for handler, stream in swapped:
            handler.setStream(stream)
