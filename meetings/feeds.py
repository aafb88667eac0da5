"""Calendar feeds (R-S7) that stay small and cheap to poll, however many meetings there are.

- **A window.** A feed holds the meetings from twelve months back and everything coming;
  `?fran=ÅÅÅÅ-MM-DD` and `?till=ÅÅÅÅ-MM-DD` choose another window of at most five years
  (`meetings.forms.FeedWindowForm`). Filtered and ordered on the meeting's start.
- **Conditional GET.** Before a feed is built, one query counts the meetings in the window and
  finds the newest change (`Meeting.updated_at`, stamped on every save). With the feed's own
  parameters that gives the `ETag`, and the newest change is `Last-Modified`; a calendar client
  that already has that version gets 304 Not Modified. A new, moved, cancelled or removed meeting
  changes the count or the newest change, and so the ETag.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone

from lib.conditional import Version
from lib.dates import TZ
from meetings.models import Meeting

DEFAULT_BACK = datetime.timedelta(days=365)
MAX_SPAN = datetime.timedelta(days=5 * 366)
# Bumped when the feed's body changes for the same meetings (e.g. a new property per event),
# so that clients fetch the new form.
FEED_FORMAT = 1


@dataclass(frozen=True)
class FeedWindow:
    """Meetings starting on `first` or later, and before the day after `last` (None: no end)."""

    first: datetime.date
    last: datetime.date | None

    @classmethod
    def default(cls, today: datetime.date | None = None) -> FeedWindow:
        today = today or timezone.localdate()
        return cls(today - DEFAULT_BACK, None)

    def filter(self, meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
        start = datetime.datetime.combine(self.first, datetime.time.min, TZ)
        meetings = meetings.filter(starts_at__gte=start)
        if self.last is not None:
            end = datetime.datetime.combine(
                self.last + datetime.timedelta(days=1), datetime.time.min, TZ
            )
            meetings = meetings.filter(starts_at__lt=end)
        return meetings.order_by("starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.first.isoformat()}..{self.last.isoformat() if self.last else ''}"


def version(meetings: QuerySet[Meeting], *key) -> Version:
    """The feed's version from one aggregate query over its (windowed) meetings; `key` names
    the feed and whatever else its body depends on (the window, internal or public)."""
    # The sum of the ids tells one set of meetings from another of the same size (a member who
    # changes groups) even if none of them changed.
    state = meetings.order_by().aggregate(
        count=Count("pk"), ids=Sum("pk"), changed=Max("updated_at")
    )
    changed = state["changed"]
    return Version.of(
        FEED_FORMAT, *key, state["count"], state["ids"], changed, last_modified=changed
    )


def meeting_version(meeting: Meeting, *, internal: bool) -> Version:
    """One meeting's calendar file: its own stamp, no query."""
    return Version.of(
        FEED_FORMAT,
        "meeting",
        meeting.pk,
        internal,
        meeting.updated_at,
        last_modified=meeting.updated_at,
    )
