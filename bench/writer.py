"""Bulk writes for the seeder: PostgreSQL COPY where it is available, batched INSERTs elsewhere.

Rows are plain tuples in the order of the field names given; ids are assigned by the caller
(`next_id`), so one table's rows can refer to another's without reading anything back. After
explicit ids, PostgreSQL's sequences are moved past them (`reset_sequences`).
"""

from __future__ import annotations

import datetime
import functools
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import IntegrityError, connection
from django.db.models import Max, Model

COPY_CHUNK = 4000
INSERT_BATCH = 2000

_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _text(value: str) -> str:
    # Most seeded text has nothing to escape: four scans in C are cheaper than a translate.
    if "\\" in value or "\n" in value or "\t" in value or "\r" in value:
        return value.translate(_ESCAPES)
    return value  # a TextChoices member joins as its value


# PostgreSQL's COPY text format, one function per Python type (exact types: bool is not int).
_COPY_FORMAT = {
    str: _text,
    int: str,
    bool: lambda v: "t" if v else "f",
    # Seeded dates and times repeat a lot: each is formatted once.
    datetime.datetime: functools.lru_cache(maxsize=65536)(datetime.datetime.isoformat),
    datetime.date: functools.lru_cache(maxsize=65536)(datetime.date.isoformat),
    uuid.UUID: str,
    type(None): lambda v: "\\N",
}


def _format(value) -> str:
    """Types outside the table (the models' TextChoices members) are learnt on first sight."""
    kind = type(value)
    if isinstance(value, str):
        _COPY_FORMAT[kind] = _text
    elif isinstance(value, int):
        _COPY_FORMAT[kind] = int.__repr__
    else:
        raise TypeError(f"COPY cannot write {kind.__name__}: {value!r}")
    return _COPY_FORMAT[kind](value)


def copy_line(row: tuple) -> str:
    formats = _COPY_FORMAT
    return "\t".join([(formats.get(type(v)) or _format)(v) for v in row])


def next_id(model: type[Model]) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def write_rows(model: type[Model], fields: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in the order of `fields`) into the model's table; returns the count."""
    opts = model._meta
    field_objects = [opts.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in field_objects)
    table = quote(opts.db_table)
    if connection.vendor == "postgresql":
        return _copy(table, columns, rows)
    return _insert(table, columns, field_objects, rows)


def _copy(table: str, columns: str, rows: Iterable[tuple]) -> int:
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        lines: list[str] = []
        for row in rows:
            lines.append(copy_line(row))
            if len(lines) >= COPY_CHUNK:
                copy.write("\n".join(lines) + "\n")
                count += len(lines)
                lines = []
        if lines:
            copy.write("\n".join(lines) + "\n")
            count += len(lines)
    return count


def _insert(table: str, columns: str, field_objects: list, rows: Iterable[tuple]) -> int:
    """Other databases (SQLite in the tests): each value prepared by its model field."""
    placeholders = ", ".join(["%s"] * len(field_objects))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    count = 0
    batch: list[tuple] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                tuple(
                    f.get_db_prep_save(v, connection)
                    for f, v in zip(field_objects, row, strict=True)
                )
            )
            if len(batch) >= INSERT_BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def reset_sequences(models: Iterable[type[Model]]) -> None:
    """Move the id sequences past explicitly written ids (a no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze() -> None:
    """Fresh planner statistics after the bulk load. On PostgreSQL outside a transaction also
    VACUUM, as a database in use would be: the visibility map is set, so index-only scans work,
    and autovacuum does not start on the fresh rows while the pages are being measured. (Inside
    a transaction, as in the tests, only ANALYZE.)"""
    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


@contextmanager
def foreign_keys_checked_in_bulk(models: Iterable[type[Model]]) -> Iterator[bool]:
    """On PostgreSQL, as a superuser: the per-row foreign-key triggers of the COPYs inside are
    switched off (`session_replication_role = replica`; unique and check constraints still hold
    row by row), and every foreign key of `models` is then checked in one anti-join per key,
    which is much faster than millions of deferred per-row checks at commit. Anything missing
    raises, and the caller's transaction rolls back. Elsewhere (or without the privilege) the
    triggers run as usual. Yields whether the bulk check is in use."""
    models = list(models)
    bulk = connection.vendor == "postgresql" and _is_superuser()
    if not bulk:
        yield False
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
    try:
        yield True
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")
    missing = missing_foreign_keys(models)
    if missing:
        raise IntegrityError(f"Seeded rows refer to rows that do not exist: {missing}")


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def missing_foreign_keys(models: Iterable[type[Model]]) -> dict[str, int]:
    """Rows whose foreign key points at nothing, per table.column (empty: all present)."""
    quote = connection.ops.quote_name
    missing = {}
    with connection.cursor() as cursor:
        for model in models:
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                child, column = quote(model._meta.db_table), quote(field.column)
                parent = quote(field.related_model._meta.db_table)
                target = quote(field.target_field.column)
                cursor.execute(
                    f"SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {parent} p WHERE p.{target} = c.{column})"
                )
                count = cursor.fetchone()[0]
                if count:
                    missing[f"{model._meta.db_table}.{field.column}"] = count
    return missing
