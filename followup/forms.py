"""Forms of the follow-up pages (Swedish labels and errors)."""

from __future__ import annotations

from django import forms

from followup.goals import EFFECT_GOALS
from followup.models import FollowUpDecision, Goal
from lib.dates import DateInput
from lib.forms import IdMultipleChoiceField
from structure.models import Group


class SurveyAnswerForm(forms.Form):
    """One radio group per effect goal, 1..scale_max; all required (works without JavaScript)."""

    def __init__(self, *args, scale_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(v), str(v)) for v in range(1, scale_max + 1)]
        for goal in EFFECT_GOALS:
            self.fields[goal.code] = forms.TypedChoiceField(
                label=goal.statement,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Välj ett värde för påståendet."},
            )

    def values(self) -> dict[str, int]:
        return {goal.code: self.cleaned_data[goal.code] for goal in EFFECT_GOALS}


class OpenSurveyRoundForm(forms.Form):
    title = forms.CharField(label="Rubrik", max_length=200)
    year = forms.IntegerField(label="År", min_value=2000, max_value=2100)
    closes_on = forms.DateField(
        label="Sista svarsdag",
        help_text="Format ÅÅÅÅ-MM-DD.",
        widget=DateInput,
    )
    scale_max = forms.IntegerField(
        label="Skalans högsta värde", min_value=2, max_value=10, initial=5
    )
    satisfied_from = forms.IntegerField(
        label="Nöjd från och med", min_value=1, max_value=10, initial=4
    )
    groups = IdMultipleChoiceField(
        label="Grupper vars ledamöter tillfrågas",
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, groups, default_groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups
        self.fields["groups"].initial = list(default_groups)

    def clean(self):
        data = super().clean()
        scale, satisfied = data.get("scale_max"), data.get("satisfied_from")
        if scale and satisfied and satisfied > scale:
            self.add_error(
                "satisfied_from", "Nöjd-gränsen kan inte ligga över skalans högsta värde."
            )
        return data


class GoalFollowUpForm(forms.Form):
    goal = forms.ModelChoiceField(label="Resultatmål", queryset=Goal.objects.none())
    year = forms.IntegerField(label="Uppföljningsår", min_value=2000, max_value=2100)
    decision = forms.ChoiceField(label="Beslut", choices=FollowUpDecision.choices)
    note = forms.CharField(
        label="Kommentar", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
