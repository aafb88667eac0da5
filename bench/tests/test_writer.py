"""The seeder's bulk writer: COPY text format on PostgreSQL, prepared INSERTs elsewhere."""

import datetime
import uuid

from bench.writer import copy_line, next_id, write_rows
from lib.dates import TZ
from meetings.models import ItemKind
from news.models import NewsItem


def test_copy_lines_escape_text_and_format_every_type():
    day = datetime.date(2026, 3, 2)
    moment = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    key = uuid.UUID(int=1)
    line = copy_line((1, "a\tb\nc\\d", None, True, False, day, moment, key, ItemKind.DECISION))
    assert line.split("\t") == [
        "1", "a\\tb\\nc\\\\d", "\\N", "t", "f", "2026-03-02", "2026-03-02T09:00:00+01:00",
        str(key), "decision",
    ]  # fmt: skip


def test_written_rows_read_back_as_the_same_values(db, django_user_model):
    user = django_user_model.objects.create(username="skribent")
    first = next_id(NewsItem)
    moment = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=TZ)
    written = write_rows(
        NewsItem,
        ["id", "title", "body", "published_at", "published_by"],
        [(first, "Åsele\tär med", "rad ett\nrad två", moment, user.pk)],
    )
    assert written == 1
    item = NewsItem.objects.get(pk=first)
    assert (item.title, item.body, item.published_at) == (
        "Åsele\tär med",
        "rad ett\nrad två",
        moment,
    )
    assert next_id(NewsItem) == first + 1
