from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Engångskod",
        max_length=16,
        help_text="Sex siffror från appen, eller en av dina reservkoder.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
