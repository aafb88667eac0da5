import datetime

from django import forms
from django.utils import timezone

from lib.dates import DateInput
from meetings.models import Meeting
from structure.models import Group, Person


class SetUpForm(forms.Form):
    name = forms.CharField(label="Arbetsgruppens namn", max_length=200)
    assignment = forms.CharField(
        label="Uppdrag",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Precisera vad som ska levereras.",
    )
    set_up_by = forms.ModelChoiceField(label="Tillsatt av", queryset=Group.objects.none())
    meeting = forms.ModelChoiceField(
        label="Vid mötet",
        queryset=Meeting.objects.none(),
        required=False,
        help_text="Lämna tomt om beslutet inte fattades vid ett möte i systemet.",
    )
    set_up_on = forms.DateField(label="Tillsatt den", widget=DateInput)
    decision_reference = forms.CharField(label="Beslut (hänvisning)", max_length=200)
    convener = forms.ModelChoiceField(label="Sammankallande", queryset=Person.objects.none())
    members = forms.ModelMultipleChoiceField(
        label="Ledamöter", queryset=Person.objects.none(), required=False
    )
    due_on = forms.DateField(label="Ska leverera senast", widget=DateInput)
    reports_to = forms.ModelChoiceField(label="Levererar till", queryset=Group.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = Group.objects.order_by("order", "name")
        people = Person.objects.select_related("principal").order_by("last_name", "first_name")
        self.fields["set_up_by"].queryset = groups
        self.fields["reports_to"].queryset = groups
        # Decisions are recorded soon after the meeting: the last two years' meetings.
        since = timezone.now() - datetime.timedelta(days=730)
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(starts_at__gte=since, cancelled=False)
            .select_related("group")
            .order_by("-starts_at")
        )
        self.fields["convener"].queryset = people
        self.fields["members"].queryset = people


class ExtendForm(forms.Form):
    new_due_on = forms.DateField(label="Nytt leveransdatum", widget=DateInput)
    decided_on = forms.DateField(label="Beslutsdatum", widget=DateInput)
    decision_reference = forms.CharField(label="Beslut (hänvisning)", max_length=200)


class DeliverForm(forms.Form):
    file = forms.FileField(label="Rapport (dokument)")
    title = forms.CharField(label="Titel", max_length=200, required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label="Skäl till avslut", max_length=300, required=False)
