from django import forms

from lib.dates import DateInput
from meetings.models import Meeting
from reviews import rules
from structure.models import Group


class ReviewForm(forms.Form):
    group = forms.ModelChoiceField(label="Grupp", queryset=Group.objects.none())
    kind = forms.ChoiceField(label="Revision av", choices=list(rules.LABELS.items()))
    held_on = forms.DateField(label="Datum", widget=DateInput)
    meeting = forms.ModelChoiceField(
        label="Vid mötet", queryset=Meeting.objects.none(), required=False
    )
    outcome = forms.CharField(label="Resultat", widget=forms.Textarea(attrs={"rows": 3}))
    new_assignment = forms.CharField(
        label="Ny lydelse av uppdraget (om det ändrades)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Blir en ny version av uppdragsbeskrivningen från revisionens datum.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.order_by("order", "name")
        self.fields["meeting"].queryset = Meeting.objects.select_related("group").order_by(
            "-starts_at"
        )


class PreselectForm(forms.Form):
    """`?grupp=<slug>&revision=<kind>` from a desk row: the review form opens with them chosen.
    A value that is no active group or kind is ignored (the form opens empty)."""

    grupp = forms.ModelChoiceField(queryset=Group.objects.none(), to_field_name="slug")
    revision = forms.ChoiceField(choices=list(rules.LABELS.items()))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grupp"].queryset = Group.objects.all()

    def initial_for_review(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned[field]
            for field, name in (("grupp", "group"), ("revision", "kind"))
            if field in cleaned
        }
