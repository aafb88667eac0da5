"""The desk's forms: its filters (GET) and a note on one duty (POST)."""

from __future__ import annotations

from django import forms

from desk import duties
from desk.models import DutyNote
from lib.dates import DateInput
from structure.models import Group


class DeskFilterForm(forms.Form):
    """Filters by kind and group; a value that is neither is a form error and filters nothing."""

    typ = forms.ChoiceField(
        label="Slag", required=False, choices=[("", "Alla slag"), *duties.KINDS.items()]
    )
    grupp = forms.ModelChoiceField(
        label="Grupp",
        required=False,
        queryset=Group.objects.none(),
        to_field_name="slug",
        empty_label="Alla grupper",
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grupp"].queryset = Group.objects.active(today).order_by("order", "name")


class NoteForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(
        label="Varför", max_length=DutyNote.REASON_MAX, widget=forms.TextInput()
    )


class SnoozeForm(NoteForm):
    until = forms.DateField(label="Skjut upp till", widget=DateInput)
