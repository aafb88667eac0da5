import datetime

from django import forms

from audit.models import EventKind
from lib.dates import DateInput


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="Användarnamn", required=False, max_length=150)
    kind = forms.ChoiceField(
        label="Händelse", required=False, choices=[("", "Alla händelser"), *EventKind.choices]
    )
    date_from = forms.DateField(label="Från och med", required=False, widget=DateInput)
    date_to = forms.DateField(label="Till och med", required=False, widget=DateInput)

    def clean_date_from(self):
        return _sensible(self.cleaned_data.get("date_from"))

    def clean_date_to(self):
        return _sensible(self.cleaned_data.get("date_to"))


def _sensible(value: datetime.date | None) -> datetime.date | None:
    if value is not None and not (2000 <= value.year <= 2100):
        raise forms.ValidationError("Ange ett datum mellan år 2000 och 2100.")
    return value
