from django import forms

from lib.dates import DateInput


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Namn på nyckeln",
        max_length=100,
        help_text="T.ex. namnet på systemet som ska använda den (diariet).",
    )
    expires_on = forms.DateField(
        label="Gäller till och med (valfritt)",
        required=False,
        widget=DateInput,
        help_text="Lämna tomt för en nyckel utan slutdatum. Du kan alltid återkalla den.",
    )
