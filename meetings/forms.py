"""Forms for meetings: they parse input in Swedish; the services decide."""

from __future__ import annotations

import datetime
import zoneinfo

import django_filters
from django import forms
from django.conf import settings

from lib.uploads import ALLOWED_DOCUMENT_TYPES
from meetings.models import ItemKind, Meeting
from structure.models import Group, MeetingForm

TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)
# Meetings are booked and moved within these years; anything else is a typing mistake.
FIRST_BOOKABLE_YEAR, LAST_BOOKABLE_YEAR = 2000, 2100


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class BookMeetingForm(forms.Form):
    group = forms.ModelChoiceField(
        label="Grupp", queryset=Group.objects.none(), empty_label="Välj grupp"
    )
    title = forms.CharField(label="Rubrik (frivillig)", required=False, max_length=200)
    date = forms.DateField(label="Datum", widget=DateInput)
    start = forms.TimeField(label="Börjar", widget=TimeInput(format="%H:%M"))
    end = forms.TimeField(label="Slutar", widget=TimeInput(format="%H:%M"))
    form = forms.ChoiceField(label="Mötesform", choices=MeetingForm.choices)
    location = forms.CharField(label="Plats", required=False, max_length=200)
    link = forms.URLField(label="Länk (video/digitalt)", required=False, assume_scheme="https")
    is_public = forms.BooleanField(
        label="Visa tid och plats i den publika kalendern", required=False, initial=True
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.all()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if not FIRST_BOOKABLE_YEAR <= day.year <= LAST_BOOKABLE_YEAR:
            raise forms.ValidationError(
                f"Välj ett datum mellan år {FIRST_BOOKABLE_YEAR} och {LAST_BOOKABLE_YEAR}."
            )
        return day

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("start") and data.get("end"):
            data["starts_at"] = datetime.datetime.combine(data["date"], data["start"], TZ)
            data["ends_at"] = datetime.datetime.combine(data["date"], data["end"], TZ)
        return data


class RescheduleForm(BookMeetingForm):
    """New time, form and place for a booked meeting (the group and title stay)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("group", "title", "is_public"):
            del self.fields[name]


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(
        label="Typ",
        choices=[(k, label) for k, label in ItemKind.choices if k != ItemKind.PROCEDURE],
    )
    title = forms.CharField(label="Rubrik", max_length=200)
    description = forms.CharField(
        label="Kort ärendebeskrivning", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    proposal = forms.CharField(
        label="Förslag till åtgärd eller frågeställning",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaperForm(forms.Form):
    item = forms.TypedChoiceField(label="Punkt", coerce=int)
    title = forms.CharField(label="Titel (frivillig)", required=False, max_length=200)
    file = forms.FileField(
        label="Fil",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV eller bild; högst 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED_DOCUMENT_TYPES))}),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [
            (item.pk, f"{item.position}. {item.title}") for item in meeting.items.all()
        ]


class AbsenceForm(forms.Form):
    note = forms.CharField(label="Kommentar (frivillig)", required=False, max_length=300)


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Varför rättas minnesanteckningarna?", widget=forms.Textarea(attrs={"rows": 3})
    )


def year_choices():
    from django.db.models.functions import ExtractYear

    years = (
        Meeting.objects.filter(is_public=True)
        .annotate(y=ExtractYear("starts_at"))
        .values_list("y", flat=True)
        .distinct()
    )
    return [(y, str(y)) for y in sorted(set(years), reverse=True)]


class MeetingFilter(django_filters.FilterSet):
    """The public meeting directory: by group, year and form."""

    group = django_filters.ModelChoiceFilter(
        label="Grupp",
        queryset=Group.objects.order_by("order", "name"),
        field_name="group",
        empty_label="Alla grupper",
    )
    year = django_filters.ChoiceFilter(
        label="År", field_name="starts_at__year", choices=year_choices, empty_label="Alla år"
    )
    form = django_filters.ChoiceFilter(
        label="Mötesform", choices=MeetingForm.choices, empty_label="Alla mötesformer"
    )

    class Meta:
        model = Meeting
        fields = ["group", "year", "form"]
