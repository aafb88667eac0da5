"""Forms for cases: they parse Swedish input; the services decide."""

from __future__ import annotations

from django import forms

from cases.models import DecisionOutcome, Outcome
from cases.services import TREATMENT_OUTCOMES
from lib.forms import IdMultipleChoiceField
from meetings.forms import DateInput
from structure.models import DecisionBody, Group, Person, Principal


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RaiseCaseForm(forms.Form):
    group = forms.ModelChoiceField(
        label="Grupp", queryset=Group.objects.none(), empty_label="Välj grupp"
    )
    title = forms.CharField(label="Rubrik", max_length=200)
    description = forms.CharField(
        label="Kort ärendebeskrivning", widget=forms.Textarea(attrs={"rows": 4})
    )
    proposal = forms.CharField(
        label="Förslag till åtgärd eller frågeställning", widget=forms.Textarea(attrs={"rows": 3})
    )
    principals = IdMultipleChoiceField(
        label="Berörda huvudmän (inget val = alla 16)",
        queryset=Principal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submitted_by = forms.ModelChoiceField(
        label="Väcks av ledamot (koordinatorn registrerar för en ledamots räkning)",
        queryset=Person.objects.none(),
        required=False,
    )
    origin_note = forms.CharField(
        label="Kommer från (t.ex. ett nätverk utanför strukturen)",
        required=False,
        max_length=300,
    )
    documents = MultipleFileField(label="Handlingar", required=False)

    def __init__(self, *args, groups, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        if people is None:
            del self.fields["submitted_by"]
        else:
            self.fields["submitted_by"].queryset = people


class RouteForm(forms.Form):
    group = forms.ModelChoiceField(
        label="Grupp",
        queryset=Group.objects.order_by("order", "name"),
        required=False,
        empty_label="–",
    )
    local_principal = forms.ModelChoiceField(
        label="eller lokal nivå (kommun)",
        required=False,
        empty_label="–",
        queryset=Principal.objects.filter(side="municipality").order_by("name"),
    )
    shared_with = IdMultipleChoiceField(
        label="Delas med (gemensam process)",
        required=False,
        queryset=Group.objects.filter(kind="preparatory_body"),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Anteckning", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TreatmentForm(forms.Form):
    group = forms.ModelChoiceField(label="Grupp", queryset=Group.objects.none())
    outcome = forms.ChoiceField(
        label="Utfall", choices=[(o.value, o.label) for o in Outcome if o in TREATMENT_OUTCOMES]
    )
    meeting = forms.TypedChoiceField(label="Möte", coerce=int, required=False, empty_value=None)
    sent_to = forms.ModelChoiceField(
        label="Skickas till",
        required=False,
        empty_label="–",
        queryset=Group.objects.order_by("order", "name"),
    )
    note = forms.CharField(
        label="Anteckning", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, groups, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["meeting"].choices = [("", "–")] + [
            (m.pk, f"{m.group.display_name} {m.local_date:%Y-%m-%d}") for m in meetings
        ]


class AgendaForm(forms.Form):
    meeting = forms.TypedChoiceField(label="Möte", coerce=int)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (m.pk, f"{m.group.display_name} {m.local_date:%Y-%m-%d}") for m in meetings
        ]


class AdoptForm(forms.Form):
    meeting = forms.TypedChoiceField(label="Möte där beslutet fattades", coerce=int)
    title = forms.CharField(label="Rubrik", max_length=200)
    decisions = forms.CharField(
        label="Att-satser, en per rad",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="T.ex. ”att anta den gemensamma rutinen”.",
    )
    principals = IdMultipleChoiceField(
        label="Till huvudmännen (inget val = de berörda)",
        required=False,
        queryset=Principal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].choices = [
            (m.pk, f"{m.group.display_name} {m.local_date:%Y-%m-%d}") for m in meetings
        ]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Beslut", choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    body = forms.ModelChoiceField(label="Beslutsinstans", queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label="Beslutsdatum", widget=DateInput)
    reference = forms.CharField(label="Paragraf eller hänvisning", max_length=100)
    document = forms.FileField(label="Protokollsutdrag (frivilligt)", required=False)

    def __init__(self, *args, principal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = principal.decision_bodies.all()
