from django import forms

from onboarding.models import STEPS
from structure.models import Group, MembershipKind, Person, Principal


class ReportForm(forms.Form):
    group = forms.ModelChoiceField(label="Grupp", queryset=Group.objects.none())
    first_name = forms.CharField(label="Förnamn", max_length=100)
    last_name = forms.CharField(label="Efternamn", max_length=100)
    email = forms.EmailField(label="E-post")
    principal = forms.ModelChoiceField(label="Huvudman", queryset=Principal.objects.all())
    kind = forms.ChoiceField(label="Typ av plats", choices=MembershipKind.choices)
    note = forms.CharField(
        label="Kommentar (t.ex. vem hen ersätter)", max_length=300, required=False
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups if groups is not None else Group.objects.none()


class LinkPersonForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Person i strukturen",
        queryset=Person.objects.select_related("principal").order_by("last_name", "first_name"),
        help_text="Saknas personen: lägg in person och plats från anmälan ovan.",
    )


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=list(STEPS.items()))
