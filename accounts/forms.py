from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Engångskod",
        max_length=16,
        help_text="Sex siffror från appen, eller en av dina reservkoder.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class EnrolForm(forms.Form):
    """The new app's first code; when an app is replaced, also a code from the current one."""

    token = forms.CharField(
        label="Kod från den nya appen",
        max_length=16,
        help_text="Sex siffror som appen visar efter att du lagt till kontot.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    current_token = forms.CharField(
        label="Kod från din nuvarande app, eller en reservkod",
        max_length=16,
        help_text="Bekräftar att det är du som byter app. En reservkod kan bara användas en gång.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def __init__(self, *args, replacing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not replacing:
            del self.fields["current_token"]
