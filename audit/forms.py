import datetime
import re

from django import forms

from accounts import lockout
from audit.models import EventKind
from lib.dates import DateInput

# `app_label.Model:pk`, as `audit.services.target_of` writes it.
TARGET = re.compile(r"^[a-z][a-z0-9_]{0,49}\.[A-Za-z][A-Za-z0-9_]{0,59}:[A-Za-z0-9_-]{1,40}$")


class AuditFilterForm(forms.Form):
    user = forms.CharField(label="Användarnamn", required=False, max_length=150)
    kind = forms.ChoiceField(
        label="Händelse", required=False, choices=[("", "Alla händelser"), *EventKind.choices]
    )
    objekt = forms.CharField(
        label="Objekt",
        required=False,
        max_length=100,
        help_text="T.ex. meetings.Minutes:42 – visar ett objekts hela historik.",
    )
    date_from = forms.DateField(label="Från och med", required=False, widget=DateInput)
    date_to = forms.DateField(label="Till och med", required=False, widget=DateInput)

    def clean_objekt(self):
        value = self.cleaned_data.get("objekt", "").strip()
        if value and not TARGET.match(value):
            raise forms.ValidationError(
                "Ange ett objekt som app.Modell:id, t.ex. meetings.Minutes:42."
            )
        return value

    def clean_date_from(self):
        return _sensible(self.cleaned_data.get("date_from"))

    def clean_date_to(self):
        return _sensible(self.cleaned_data.get("date_to"))


def _sensible(value: datetime.date | None) -> datetime.date | None:
    if value is not None and not (2000 <= value.year <= 2100):
        raise forms.ValidationError("Ange ett datum mellan år 2000 och 2100.")
    return value


class LiftLockoutForm(forms.Form):
    scope = forms.ChoiceField(
        label="Spärr på",
        choices=[
            (lockout.Scope.ACCOUNT, "Konto (från alla adresser)"),
            (lockout.Scope.ADDRESS, "IP-adress (för alla konton)"),
        ],
    )
    value = forms.CharField(
        label="Användarnamn eller IP-adress",
        max_length=lockout.USERNAME_MAX_LENGTH,
        help_text="Som det står i listan, t.ex. kim eller 192.0.2.10.",
    )

    def clean(self):
        data = super().clean()
        scope, value = data.get("scope"), data.get("value")
        if scope == lockout.Scope.ADDRESS and value and lockout.address_key(value) is None:
            self.add_error("value", "Ange en IP-adress, t.ex. 192.0.2.10 eller 2001:db8::1.")
        if scope == lockout.Scope.ACCOUNT and value and not lockout.account_key(value):
            self.add_error("value", "Ange ett användarnamn.")
        return data
