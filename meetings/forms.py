"""Forms for meetings: they parse input in Swedish; the services decide."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.db.models import Max, Min
from django.utils import timezone

from lib.dates import TZ, DateInput
from lib.forms import IdChoiceField, looks_like_id
from lib.uploads import ALLOWED_DOCUMENT_TYPES
from meetings import feeds
from meetings.models import AgendaItem, AttendanceStatus, ItemKind, Meeting, Minutes, MinutesItem
from structure.models import Group, MeetingForm, Person

# Bounds for query parameters and formsets: anything outside is a form error, not a query.
FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_ATTENDANCE_ROWS = 300

COMING, EARLIER = "kommande", "tidigare"

# Meetings are booked and moved within these years; anything else is a typing mistake.
FIRST_BOOKABLE_YEAR, LAST_BOOKABLE_YEAR = 2000, 2100


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


class AgendaItemChoiceForm(forms.Form):
    """Names one item of the meeting (move, remove, attach): an unknown or foreign id is an
    error, never a query on another meeting's item."""

    item = forms.ModelChoiceField(
        label="Punkt",
        queryset=AgendaItem.objects.none(),
        error_messages={"invalid_choice": "Punkten finns inte på mötets dagordning."},
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.order_by("position")
        self.fields["item"].label_from_instance = lambda item: f"{item.position}. {item.title}"


class PaperForm(AgendaItemChoiceForm):
    title = forms.CharField(label="Titel (frivillig)", required=False, max_length=200)
    file = forms.FileField(
        label="Fil",
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, text, CSV eller bild; högst 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED_DOCUMENT_TYPES))}),
    )


class ConfirmForm(forms.Form):
    """A confirmation step: the POST must say yes."""

    confirm = forms.BooleanField(
        label="Ja, jag är säker",
        error_messages={"required": "Bekräfta för att fortsätta."},
    )


class KallelseForm(forms.Form):
    """Send the kallelse after the preview; `again` is the explicit "Skicka igen"."""

    again = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    """One row of the attendance list. Person and replaced person are hidden, from the rows
    the page offered; an id outside them is a form error."""

    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Personen hör inte till mötets grupp."},
    )
    status = forms.ChoiceField(label="Närvaro", choices=AttendanceStatus.choices)
    replaces = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Den ersatta personen hör inte till mötets grupp."},
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = people if people is not None else Person.objects.none()
        self.fields["person"].queryset = people
        self.fields["replaces"].queryset = people


class BaseAttendanceFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                raise forms.ValidationError(f"{person.full_name} står två gånger i listan.")
            seen.add(person.pk)

    @property
    def entries(self) -> list[tuple[Person, str, Person | None]]:
        return [
            (f.cleaned_data["person"], f.cleaned_data["status"], f.cleaned_data.get("replaces"))
            for f in self.forms
            if f.cleaned_data.get("person")
        ]


AttendanceFormSet = forms.formset_factory(
    AttendanceForm,
    formset=BaseAttendanceFormSet,
    extra=0,
    max_num=MAX_ATTENDANCE_ROWS,
    absolute_max=MAX_ATTENDANCE_ROWS,
    validate_max=True,
)


def attendance_formset(*, people, data=None, initial=None):
    formset = AttendanceFormSet(
        data, initial=initial, prefix="narvaro", form_kwargs={"people": people}
    )
    # Each row is labelled with the person the page offered, also when a POST is re-rendered.
    rows = initial or []
    for index, form in enumerate(formset.forms):
        form.row = rows[index] if index < len(rows) else {}
    return formset


SAVE, SEND = "spara", "skicka"


class MinutesStepForm(forms.Form):
    """Which of the editor's two buttons was pressed: "Spara" (`steg=spara`, also when
    nothing is posted) or "Spara och skicka för justering" (`steg=skicka`)."""

    steg = forms.ChoiceField(
        choices=[(SAVE, "Spara"), (SEND, "Spara och skicka för justering")],
        required=False,
        error_messages={"invalid_choice": "Välj Spara eller Spara och skicka för justering."},
    )

    @property
    def sending(self) -> bool:
        return self.is_valid() and self.cleaned_data["steg"] == SEND


class MinutesForm(forms.Form):
    """The minutes editor: one form with two buttons (see `MinutesStepForm`), so nothing typed
    is lost when it is sent. Sending without recorded attendance needs a confirmation."""

    summary = forms.CharField(
        label="Inledning (frivillig)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    justeringsperson = forms.ModelChoiceField(
        label="Justeringsperson (utses vid mötet)",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Välj",
        error_messages={"invalid_choice": "Välj en av gruppens ordinarie ledamöter."},
    )
    without_attendance = forms.BooleanField(
        label="Skicka ändå, utan registrerad närvaro", required=False
    )

    def __init__(
        self,
        *args,
        candidates,
        needs_checker: bool,
        can_send: bool = False,
        has_attendance: bool = True,
        sending: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.can_send, self.has_attendance, self.sending = can_send, has_attendance, sending
        self.fields["justeringsperson"].queryset = candidates
        self.fields["justeringsperson"].label_from_instance = lambda p: (
            f"{p.full_name} ({p.principal.name})"
        )
        if not needs_checker:
            del self.fields["justeringsperson"]
        if has_attendance or not can_send:
            del self.fields["without_attendance"]

    def clean(self):
        data = super().clean()
        if not self.sending:
            return data
        if not self.can_send:
            raise forms.ValidationError(
                "Gruppen justerar inte sina minnesanteckningar; de skickas inte för justering."
            )
        if not self.has_attendance and not data.get("without_attendance"):
            self.add_error(
                "without_attendance",
                "Närvaron vid mötet är inte registrerad. Registrera närvaron först, "
                "eller bekräfta att du vill skicka ändå.",
            )
        return data


class MinutesItemForm(forms.Form):
    item = forms.ModelChoiceField(
        queryset=MinutesItem.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Punkten hör inte till dessa minnesanteckningar."},
    )
    notes = forms.CharField(
        label="Anteckningar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_intro = forms.CharField(label="Beslutsinledning", required=False, max_length=200)
    decisions = forms.CharField(
        label="Att-satser, en per rad",
        required=False,
        help_text="Skriv t.ex. ”att ställa sig bakom förslaget”.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, minutes: Minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = minutes.items.all()


MinutesItemFormSet = forms.formset_factory(
    MinutesItemForm, extra=0, max_num=MAX_ATTENDANCE_ROWS, absolute_max=MAX_ATTENDANCE_ROWS
)


def minutes_items_formset(*, minutes: Minutes, items, data=None):
    initial = [
        {
            "item": item,
            "notes": item.notes,
            "decision_intro": item.decision_intro,
            "decisions": "".join(f"att {att}\n" for att in item.att_satser),
        }
        for item in items
    ]
    formset = MinutesItemFormSet(
        data, initial=initial, prefix="punkt", form_kwargs={"minutes": minutes}
    )
    # The page labels each block with its item, also when the POST is re-rendered.
    for form, item in zip(formset.forms, items, strict=False):
        form.minutes_item = item
    return formset


class FeedWindowForm(forms.Form):
    """A calendar feed's window: `fran` and `till` (both days included), at most five years.
    Without `till` the feed runs on to every coming meeting; without `fran` it starts twelve
    months before `till` or today."""

    fran = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    till = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    error_messages = {
        "format": "Ange datum som ÅÅÅÅ-MM-DD.",
        "years": f"Välj datum mellan år {FIRST_YEAR} och {LAST_YEAR}.",
        "order": "Slutdatumet (till) kan inte vara före startdatumet (fran).",
        "span": "Välj ett fönster på högst fem år.",
    }

    def __init__(self, data, *, today: datetime.date | None = None):
        super().__init__(data)
        self.today = today or timezone.localdate()
        for field in self.fields.values():
            field.error_messages["invalid"] = self.error_messages["format"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first, last = data.get("fran"), data.get("till")
        if any(d and not FIRST_YEAR <= d.year <= LAST_YEAR for d in (first, last)):
            raise forms.ValidationError(self.error_messages["years"])
        if first is None:
            first = min(last or self.today, self.today) - feeds.DEFAULT_BACK
        if last is not None and last < first:
            raise forms.ValidationError(self.error_messages["order"])
        if (last or self.today) - first > feeds.MAX_SPAN:
            raise forms.ValidationError(self.error_messages["span"])
        data["window"] = feeds.FeedWindow(first, last)
        return data


class PlanningYearForm(forms.Form):
    """The planning's year (default this year) and, optionally, one group of it."""

    ar = forms.IntegerField(label="År", min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    grupp = IdChoiceField(
        label="Grupp", queryset=Group.objects.none(), required=False, empty_label="Alla grupper"
    )

    def __init__(self, data, *, groups=None):
        super().__init__(data)
        if groups is not None:
            self.fields["grupp"].queryset = groups


MAX_PLAN_ROWS = 300  # a year's meetings of every group, with room; more is not a plan


class HolidayConfirmForm(forms.Form):
    """The "Boka ändå" button: the day whose holiday warning the user has seen."""

    boka_anda = forms.DateField(required=False)


class PlanRowForm(forms.Form):
    """One proposed meeting of next year: this year's meeting `source` on a (movable) day."""

    source = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    day = forms.DateField(label="Datum", widget=DateInput)
    start = forms.TimeField(label="Börjar", widget=TimeInput(format="%H:%M"))
    end = forms.TimeField(label="Slutar", widget=TimeInput(format="%H:%M"))
    # The day the preview showed (and warned about); a row moved since is shown again.
    shown = forms.DateField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, sources: dict[int, Meeting], year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_permitted = False  # every posted row is a meeting, never skipped as blank
        self.sources, self.year = sources, year
        raw = self.data.get(self.add_prefix("source")) if self.is_bound else None
        if not self.is_bound:
            raw = self.initial.get("source")
        self.meeting = self.sources.get(int(raw)) if looks_like_id(raw) else None

    def clean_source(self):
        meeting = self.sources.get(self.cleaned_data["source"])
        if meeting is None:
            raise forms.ValidationError("Mötet finns inte bland förra årets möten.")
        return meeting

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day.year != self.year:
            raise forms.ValidationError(f"Välj ett datum under {self.year}.")
        return day

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            data["starts_at"] = datetime.datetime.combine(data["day"], data["start"], TZ)
            data["ends_at"] = datetime.datetime.combine(data["day"], data["end"], TZ)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", "Mötet måste sluta efter att det har börjat.")
        return data


class BasePlanFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[forms.formsets.DELETION_FIELD_NAME].label = "Boka inte"

    def kept(self) -> list[PlanRowForm]:
        """The rows to book: every valid row not marked "Boka inte"."""
        return [form for form in self.forms if not self._should_delete_form(form)]

    def clean(self):
        if any(form.errors for form in self.kept()):
            return
        kept = self.kept()
        if not kept:
            raise forms.ValidationError("Välj minst ett möte att boka.")
        sources = [form.cleaned_data["source"].pk for form in kept]
        if len(sources) != len(set(sources)):
            raise forms.ValidationError("Samma möte finns på flera rader.")


PlanFormSet = forms.formset_factory(
    PlanRowForm,
    formset=BasePlanFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_PLAN_ROWS,
    absolute_max=MAX_PLAN_ROWS,
    validate_max=True,
)


class AbsenceForm(forms.Form):
    note = forms.CharField(label="Kommentar (frivillig)", required=False, max_length=300)


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Varför rättas minnesanteckningarna?", widget=forms.Textarea(attrs={"rows": 3})
    )


def year_choices():
    """Years from the first to the last public meeting, newest first: two index lookups
    instead of a DISTINCT over every meeting (a year in between without meetings is a valid,
    empty choice)."""
    span = Meeting.objects.filter(is_public=True).aggregate(
        first=Min("starts_at"), last=Max("starts_at")
    )
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[key]).year for key in ("first", "last"))
    return [(year, str(year)) for year in range(last, first - 1, -1)]


LONGEST_MEETING_DAYS = 31


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
    tid = django_filters.ChoiceFilter(
        label="Visa",
        choices=[(COMING, "Kommande möten"), (EARLIER, "Tidigare möten")],
        empty_label=None,
        method="when",
    )

    class Meta:
        model = Meeting
        fields = ["group", "year", "form", "tid"]

    def when(self, queryset, name, value):
        return queryset  # applied in filter_queryset, also when the parameter is absent

    def filter_queryset(self, queryset):
        """Coming meetings earliest first by default; earlier ones latest first."""
        queryset = super().filter_queryset(queryset)
        now = timezone.now()
        if self.form.cleaned_data.get("tid") == EARLIER:
            # Ended means started too (ends_at > starts_at): the index starts at now.
            return queryset.filter(ends_at__lt=now, starts_at__lt=now).order_by("-starts_at")
        # A coming meeting has not ended; the bound on the start (no meeting lasts a month) lets
        # the (is_public, starts_at) index start near now instead of reading all history.
        return queryset.filter(
            ends_at__gte=now, starts_at__gte=now - datetime.timedelta(days=LONGEST_MEETING_DAYS)
        ).order_by("starts_at")
