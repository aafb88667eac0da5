from django import forms

from cases.models import Case
from meetings.models import ItemKind


class ProposeForm(forms.Form):
    kind = forms.ChoiceField(label="Typ av punkt", choices=ItemKind.choices)
    title = forms.CharField(label="Rubrik", max_length=200, required=False)
    description = forms.CharField(
        label="Kort beskrivning", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ProposeCaseForm(forms.Form):
    case = forms.ModelChoiceField(queryset=Case.objects.all(), widget=forms.HiddenInput)


class MoveForm(forms.Form):
    direction = forms.TypedChoiceField(choices=[("-1", "upp"), ("1", "ned")], coerce=int)
