"""What the meeting views share: who may manage a meeting, a form page's POST data."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts import permissions
from meetings import selectors
from meetings.models import Meeting


def errors(exc: ValidationError) -> list[str]:
    return exc.messages


def posted(request):
    """The POST data of a form page (also an empty POST), or None on GET."""
    return request.POST if request.method == "POST" else None


def manageable(request, pk: int) -> Meeting:
    """404 for a meeting the user may not even know of; 403 for one it may see but not manage."""
    meeting = selectors.manageable_meeting(pk)
    if meeting is None:
        raise Http404
    if not permissions.can_manage_meetings(request.user, meeting.group):
        if permissions.can_view_internal(request.user, meeting.group) or meeting.is_public:
            raise PermissionDenied
        raise Http404
    return meeting
