"""Forms of the structure pages: they parse the query string; the selectors read."""

from __future__ import annotations

from django import forms

from lib.forms import IdChoiceField


class RulesCheckForm(forms.Form):
    """The rules check of one group (the choices: the groups with a rule), or of all."""

    grupp = IdChoiceField(
        label="Grupp", queryset=None, required=False, empty_label="Alla grupper med regler"
    )

    def __init__(self, data, *, groups):
        super().__init__(data)
        self.fields["grupp"].queryset = groups
