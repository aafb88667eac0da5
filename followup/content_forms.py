"""Forms of the coordinators' pages for indicators, priorities, goals and agreements: model
forms with every text bounded, years in a sane range and ids checked before they reach a query."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator

from followup import content_services
from followup.models import Agreement, Goal, Indicator, Priority
from lib.dates import DateInput
from lib.forms import IdChoiceField, IdMultipleChoiceField
from structure.models import Group, Principal, Side

LONG_TEXT = 10_000  # a description or an agreement's section: pages, not books
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=FIRST_YEAR, max_value=LAST_YEAR)


def _long_text(field: forms.Field) -> None:
    field.max_length = LONG_TEXT
    field.validators.append(MaxLengthValidator(LONG_TEXT))
    field.widget.attrs["maxlength"] = str(LONG_TEXT)


class IndicatorForm(forms.ModelForm):
    code = forms.CharField(
        label="Kod",
        max_length=20,
        help_text="Kolada-id (t.ex. U23471) eller en egen kod: bokstäver, siffror, - och _.",
        validators=[
            RegexValidator(r"^[A-Za-z0-9_-]+$", "Använd bara bokstäver a–z, siffror, - och _.")
        ],
    )

    class Meta:
        model = Indicator
        fields = content_services.INDICATOR_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _long_text(self.fields["description"])


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = (*content_services.PRIORITY_FIELDS, *content_services.PRIORITY_M2M)
        field_classes = {"groups": IdMultipleChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "decided_on": DateInput,
            "groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {"decided_on": "Format ÅÅÅÅ-MM-DD."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _long_text(self.fields["description"])
        self.fields["groups"].queryset = Group.objects.order_by("order", "name")


class GoalForm(forms.ModelForm):
    area = forms.CharField(
        label="Område (Kolada-id)",
        min_length=4,
        max_length=4,
        help_text="Fyra siffror: kommunkod, 00 + länskod för en region, 0000 för riket.",
        validators=[RegexValidator(r"^[0-9]{4}$", "Ange fyra siffror.")],
    )
    baseline_year = _year("Basår")
    target_year = _year("Målår")

    class Meta:
        model = Goal
        fields = (*content_services.GOAL_FIELDS, *content_services.GOAL_M2M)
        field_classes = {
            "priority": IdChoiceField,
            "indicator": IdChoiceField,
            "owners": IdMultipleChoiceField,
        }
        widgets = {"owners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("area", self.instance.area)
        self.fields["priority"].queryset = Priority.objects.order_by("-active", "title")
        self.fields["indicator"].queryset = Indicator.objects.order_by("name")
        self.fields["owners"].queryset = Principal.objects.order_by("side", "name")


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = content_services.AGREEMENT_FIELDS
        field_classes = {"municipality": IdChoiceField}
        widgets = {
            name: forms.Textarea(attrs={"rows": 4}) for name in ("what", "how", "when", "functions")
        } | {"in_force_from": DateInput}
        help_texts = {
            "in_force_from": "Format ÅÅÅÅ-MM-DD.",
            "municipality": "Bara för en lokal överenskommelse.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("what", "how", "when", "functions"):
            _long_text(self.fields[name])
        self.fields["municipality"].queryset = Principal.objects.filter(
            side=Side.MUNICIPALITY
        ).order_by("name")
