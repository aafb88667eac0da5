"""Dates and times as the product shows and takes them: one time zone, one date input."""

import zoneinfo

from django import forms
from django.conf import settings

# Every time is shown, and every form's date and time is read, in the structure's own zone.
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


class DateInput(forms.DateInput):
    """The browser's own date picker (and plain YYYY-MM-DD without JavaScript)."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 (Django's own name)
        super().__init__(attrs, format=format)
