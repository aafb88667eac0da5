from django import forms

from accounts import permissions
from api.models import TokenScope
from lib.dates import DateInput
from structure.models import Principal


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Namn på nyckeln",
        max_length=100,
        help_text="T.ex. namnet på systemet som ska använda den (diariet).",
    )
    scope = forms.ChoiceField(
        label="Behörighet",
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        required=False,
        widget=forms.RadioSelect,
        help_text="Välj Läsa om systemet bara ska hämta uppgifter.",
    )
    principal = forms.ModelChoiceField(
        label="Endast för huvudman (valfritt)",
        queryset=Principal.objects.none(),
        required=False,
        empty_label="Alla huvudmän jag får registrera för",
        help_text="Begränsa en registreringsnyckel till en huvudmans diarium.",
    )
    expires_on = forms.DateField(
        label="Gäller till och med (valfritt)",
        required=False,
        widget=DateInput,
        help_text="Lämna tomt för en nyckel utan slutdatum. Du kan alltid återkalla den.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if permissions.is_coordinator(user):
            principals = Principal.objects.order_by("name")
        else:
            own = permissions.registrar_principal(user)
            principals = Principal.objects.filter(pk=own.pk if own else None)
        self.fields["principal"].queryset = principals
        if not principals.exists():
            # Nobody to register for: the only scope is reading.
            self.fields["scope"].choices = [(TokenScope.READ, TokenScope.READ.label)]
            del self.fields["principal"]

    def clean_scope(self):
        # Nothing chosen means the narrowest scope.
        return self.cleaned_data["scope"] or TokenScope.READ
