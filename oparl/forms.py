"""The filters every OParl object list takes (§2.5): `created_since`, `created_until`,
`modified_since`, `modified_until` (ISO 8601 date-times) and `omit_internal`.

A value that is not one answers 400 with an OParl Error object, never 500."""

from __future__ import annotations

import datetime
import re

from django import forms

FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# The field each filter compares, and how: `…_since` is inclusive from, `…_until` inclusive to.
LOOKUPS = {
    "created_since": "created_at__gte",
    "created_until": "created_at__lte",
    "modified_since": "updated_at__gte",
    "modified_until": "updated_at__lte",
}
PARAMS = (*FILTERS, "omit_internal")
MAX_LENGTH = 40
FIRST_YEAR, LAST_YEAR = 1900, 2999
# An unencoded "+01:00" arrives as " 01:00": the offset is meant.
_SPACE_OFFSET = re.compile(r" ([0-9]{2}(:?[0-9]{2})?)$")


class BoundedDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        if isinstance(value, str):
            if len(value) > MAX_LENGTH:
                raise forms.ValidationError("Ange en tidpunkt enligt ISO 8601.", code="invalid")
            value = _SPACE_OFFSET.sub(r"+\1", value.strip())
        parsed = super().to_python(value)
        if parsed is not None and not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise forms.ValidationError(
                f"Ange ett år mellan {FIRST_YEAR} och {LAST_YEAR}.", code="out_of_range"
            )
        return parsed


class ListFilterForm(forms.Form):
    created_since = BoundedDateTimeField(required=False)
    created_until = BoundedDateTimeField(required=False)
    modified_since = BoundedDateTimeField(required=False)
    modified_until = BoundedDateTimeField(required=False)
    # Everything OParl publishes here is public, so omitting internal objects leaves all.
    omit_internal = forms.ChoiceField(
        required=False, choices=[("true", "true"), ("false", "false"), ("1", "1"), ("0", "0")]
    )

    def lookups(
        self, modified: str = "updated_at", created: str = "created_at"
    ) -> dict[str, datetime.datetime]:
        """The ORM lookups (`created_at__gte` …) of the filters given, `modified` and `created`
        naming the list's stamp fields; call after is_valid()."""
        return {
            LOOKUPS[name].replace("updated_at", modified).replace("created_at", created): (
                self.cleaned_data[name]
            )
            for name in FILTERS
            if self.cleaned_data.get(name) is not None
        }

    def asks_for_changes(self) -> bool:
        """A harvester that asks what changed (`modified_since`) also learns what was removed."""
        return self.cleaned_data.get("modified_since") is not None

    def query(self) -> dict[str, str]:
        """The filter parameters as given, for the page links (which keep them)."""
        return {name: self.data[name] for name in PARAMS if self.data.get(name)}
