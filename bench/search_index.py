"""The search index for the seeded rows.

The seeder writes with COPY and bulk inserts, which send no signals, so `search.Document` does
not know the seeded cases, minutes, recommendations and news. Without them `/sok/` and the
`q=` list filters would find only the demo: fast, and meaningless as a measurement.

On PostgreSQL the documents are built in SQL, one INSERT … SELECT per kind, with the same
title, text and date as `searchpage.sources` builds them in Python and the `swedish` vector
(title weight A, text B) computed on the way in. The folded copy (`folded`) is SQLite's; on
PostgreSQL it is filled with `lower()`, which no query reads. Rows the signals already wrote
(the demo's) are left as they are. `search.text.clean` is not applied: the seeder's text holds no
NUL and no highlight markers. On SQLite (the bench's tests) `search.documents.reindex()`
does the same in Python.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from search import documents
from search.models import Kind

_VECTOR = (
    "setweight(to_tsvector('swedish', {title}), 'A')"
    " || setweight(to_tsvector('swedish', {body}), 'B')"
)

_CASES = """
    SELECT %(kind)s, c.id, left(c.title, 300),
           concat_ws(E'\\n', %(prefix)s || ' ' || c.year || '/' || lpad(c.serial::text, 4, '0'),
                     NULLIF(c.description, ''), NULLIF(c.proposal, '')),
           c.created_at
      FROM cases_case c
"""

_MINUTES = """
    SELECT %(kind)s, m.id,
           left(COALESCE(NULLIF(mt.title, ''), g.name) || ' '
                || to_char(mt.starts_at AT TIME ZONE %(tz)s, 'YYYY-MM-DD'), 300),
           concat_ws(E'\\n', NULLIF(g.name, ''), NULLIF(m.summary, ''),
                     (SELECT string_agg(concat_ws(E'\\n', NULLIF(i.title, ''),
                                                  NULLIF(i.notes, ''), NULLIF(i.decisions, '')),
                                        E'\\n' ORDER BY i.position)
                        FROM meetings_minutesitem i WHERE i.minutes_id = m.id)),
           mt.starts_at
      FROM meetings_minutes m
      JOIN meetings_meeting mt ON mt.id = m.meeting_id
      JOIN structure_group g ON g.id = mt.group_id
"""

_RECOMMENDATIONS = """
    SELECT %(kind)s, r.id, left(r.title, 300),
           concat_ws(E'\\n', NULLIF(r.decisions, ''), NULLIF(g.name, '')),
           COALESCE(r.expedited_at, (r.adopted_on + time '12:00') AT TIME ZONE %(tz)s)
      FROM cases_recommendation r
      JOIN structure_group g ON g.id = r.group_id
"""

_NEWS = """
    SELECT %(kind)s, n.id, left(n.title, 300), concat_ws(E'\\n', NULLIF(n.body, '')),
           n.published_at
      FROM news_newsitem n
"""

_INSERT = """
    INSERT INTO search_document (kind, object_id, title, body, folded, vector, dated)
    SELECT kind, object_id, title, body, lower(title || E'\\n' || body), {vector}, dated
      FROM ({select}) AS source (kind, object_id, title, body, dated)
    ON CONFLICT (kind, object_id) DO NOTHING
"""


def index_seeded_rows() -> int:
    """Add a search document for every case, minutes, recommendation and news item that has
    none; returns how many were added."""
    if connection.vendor != "postgresql":
        before = documents.Document.objects.count()
        documents.reindex()
        return documents.Document.objects.count() - before
    added = 0
    vector = _VECTOR.format(title="title", body="body")
    params = {"prefix": settings.REGISTER_PREFIX, "tz": settings.TIME_ZONE}
    with connection.cursor() as cursor:
        for kind, select in (
            (Kind.CASE, _CASES),
            (Kind.MINUTES, _MINUTES),
            (Kind.RECOMMENDATION, _RECOMMENDATIONS),
            (Kind.NEWS, _NEWS),
        ):
            cursor.execute(
                _INSERT.format(vector=vector, select=select), {**params, "kind": kind.value}
            )
            added += cursor.rowcount
    return added
