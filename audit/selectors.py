from __future__ import annotations

import datetime

from django.db.models import QuerySet

from audit.models import AuditEvent


def audit_events(
    *,
    username: str = "",
    kind: str = "",
    target: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if username:
        events = events.filter(username__iexact=username)
    if kind:
        events = events.filter(kind=kind)
    if target:
        events = events.filter(target=target)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events
