from __future__ import annotations

from django import forms
from django.utils import timezone

from lib.forms import IdChoiceField
from structure.models import Group


class ExportForm(forms.Form):
    group = IdChoiceField(
        label="Grupp",
        queryset=Group.objects.order_by("name"),
        empty_label="Välj grupp",
        error_messages={
            "required": "Välj en grupp.",
            "invalid_choice": "Välj en grupp i listan.",
        },
    )
    year = forms.IntegerField(
        label="År",
        min_value=2000,
        max_value=9999,
        help_text="Ett avslutat år: gruppens möten det året och ärendeakterna som avslutades då.",
        error_messages={
            "required": "Ange ett år.",
            "invalid": "Ange året med fyra siffror, till exempel 2025.",
            "min_value": "Ange ett år från 2000 och framåt.",
            "max_value": "Ange året med fyra siffror, till exempel 2025.",
        },
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year >= timezone.localdate().year:
            raise forms.ValidationError(f"Året {year} har inte tagit slut; välj ett avslutat år.")
        return year
