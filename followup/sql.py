"""SQL building blocks for the process measures: a median aggregate and whole days between two
dates, so the measures are aggregated in the database instead of over every row in Python.

PostgreSQL has `percentile_cont(0.5) WITHIN GROUP (ORDER BY …)`. SQLite has no median: a
`samverkan_median` aggregate is registered on every SQLite connection (`register_sqlite`), so
the same queries run on both databases (the SQLite one holds the group's values in memory, which
is fine for the development database it is used for).
"""

from __future__ import annotations

import contextlib
import statistics

from django.db import connection, transaction
from django.db.models import Aggregate, FloatField, Func, IntegerField


class Median(Aggregate):
    """The median of the expression (the mean of the two middle values for an even count),
    NULLs ignored, like `statistics.median`."""

    name = "Median"
    function = "samverkan_median"
    output_field = FloatField()
    allow_distinct = False

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="percentile_cont",
            template="%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)",
            **extra_context,
        )


class DaysBetween(Func):
    """Whole days from the date `start` to the date `end` (negative if `end` is earlier)."""

    output_field = IntegerField()
    arity = 2

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="((%(expressions)s))::integer",
            arg_joiner=")::date - (",
            **extra_context,
        )


class _SqliteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return float(statistics.median(self.values)) if self.values else None


def register_sqlite(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: the median aggregate on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("samverkan_median", 1, _SqliteMedian)


@contextlib.contextmanager
def without_jit():
    """Run the block with PostgreSQL's JIT compiler off. The measures' grouped queries have high
    cost estimates, so PostgreSQL would JIT-compile them, which takes longer (about 0.25 s each)
    than running them (measured with `make bench`). The setting is local to the transaction: the
    block's own, or, inside an outer one, restored at the end. No-op on other databases."""
    if connection.vendor != "postgresql":
        yield
        return
    outer = connection.in_atomic_block
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
            (previous, _) = cursor.fetchone()
        try:
            yield
        finally:
            if outer:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('jit', %s, true)", [previous])
