"""Forms of the structure pages: they parse the query string; the selectors read."""

from __future__ import annotations

import datetime

from django import forms

from lib.forms import IdChoiceField
from structure import selectors
from structure.models import Group, Membership, MembershipKind, Person, Position, Principal


class RulesCheckForm(forms.Form):
    """The rules check of one group (the choices: the groups with a rule), or of all."""

    grupp = IdChoiceField(
        label="Grupp", queryset=None, required=False, empty_label="Alla grupper med regler"
    )

    def __init__(self, data, *, groups):
        super().__init__(data)
        self.fields["grupp"].queryset = groups


# --- The coordinators' structure pages ---------------------------------------------------------

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)
SEARCH_MAX = 100
MATCHES_SHOWN = 50


def matches(search: str):
    """The first persons matching the search, as a queryset a choice field can check against."""
    if not search.strip():
        return Person.objects.none()
    ids = list(selectors.persons_matching(search).values_list("pk", flat=True)[:MATCHES_SHOWN])
    return (
        Person.objects.filter(pk__in=ids)
        .select_related("principal")
        .order_by("last_name", "first_name", "pk")
    )


class BoundedDateField(forms.DateField):
    """A date the structure can hold: 2000–2099 (a year 1 or 9999 is a typing error and would
    overflow the day-before arithmetic of the services)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def validate(self, value):
        super().validate(value)
        if value and not (EARLIEST <= value <= LATEST):
            raise forms.ValidationError("Ange ett datum mellan år 2000 och 2099.")


class PersonSearchForm(forms.Form):
    """The person list's search by name (GET)."""

    namn = forms.CharField(label="Sök på namn", max_length=SEARCH_MAX, required=False)


def _seat_label(membership: Membership) -> str:
    person = membership.person
    return f"{person.full_name} ({person.principal.name}), {membership.get_kind_display().lower()}"


class SeatChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return _seat_label(obj)


class PersonChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.principal.name})"


class SeatForm(forms.Form):
    """ "Tillsätt plats": a person (chosen among the matches of the search `sok`, or new), the
    group, the kind of seat, the substitute tie and the predecessor whose seat ends."""

    sok = forms.CharField(widget=forms.HiddenInput, max_length=SEARCH_MAX, required=False)
    person = PersonChoiceField(
        label="Befintlig person",
        queryset=Person.objects.none(),
        required=False,
        empty_label="– ingen, en ny person –",
        help_text=f"Personerna som matchar sökningen ovan (högst {MATCHES_SHOWN}).",
    )
    first_name = forms.CharField(label="Ny person: förnamn", max_length=100, required=False)
    last_name = forms.CharField(label="Ny person: efternamn", max_length=100, required=False)
    principal = IdChoiceField(
        label="Ny person: huvudman", queryset=Principal.objects.all(), required=False
    )
    title = forms.CharField(label="Ny person: befattning", max_length=200, required=False)
    email = forms.EmailField(label="Ny person: e-post", max_length=254, required=False)
    phone = forms.CharField(label="Ny person: telefon", max_length=40, required=False)
    group = IdChoiceField(label="Grupp", queryset=Group.objects.none())
    kind = forms.ChoiceField(label="Typ av plats", choices=MembershipKind.choices)
    position = forms.ChoiceField(
        label="Uppdrag i gruppen", choices=Position.choices, required=False
    )
    role_title = forms.CharField(label="Roll (för adjungerade)", max_length=200, required=False)
    start_date = BoundedDateField(label="Från och med")
    substitute_for = SeatChoiceField(
        label="Ersättare för",
        queryset=Membership.objects.none(),
        required=False,
        empty_label="– inte ersättare –",
        help_text="Den ordinarie ledamot som ersättaren går in för.",
    )
    predecessor = SeatChoiceField(
        label="Företrädare vars plats avslutas",
        queryset=Membership.objects.none(),
        required=False,
        empty_label="– ingen –",
        help_text="Företrädarens sista dag blir dagen före startdatumet; ersättare kopplade "
        "till företrädaren avslutas samtidigt.",
    )

    NEW_PERSON = ("first_name", "last_name", "principal", "title", "email", "phone")

    def __init__(self, data=None, *, groups, group=None, on, search="", **kwargs):
        super().__init__(data, **kwargs)
        self.fields["group"].queryset = groups
        self.fields["person"].queryset = matches(search)
        seats = selectors.group_seats(group, on) if group else Membership.objects.none()
        self.fields["substitute_for"].queryset = (
            selectors.ordinary_seats(group, on) if group else Membership.objects.none()
        )
        self.fields["predecessor"].queryset = seats

    def clean(self):
        data = super().clean()
        typed = [name for name in self.NEW_PERSON if data.get(name)]
        if data.get("person") and typed:
            raise forms.ValidationError(
                "Välj en befintlig person eller fyll i en ny person – inte båda."
            )
        if not data.get("person"):
            for name, label in (
                ("first_name", "förnamn"),
                ("last_name", "efternamn"),
                ("principal", "huvudman"),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, f"Välj en befintlig person eller ange {label}.")
        return data

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "group": data["group"],
            "kind": data["kind"],
            "start_date": data["start_date"],
            "position": data.get("position") or "",
            "substitute_for": data.get("substitute_for"),
            "role_title": data.get("role_title") or "",
            "predecessor": data.get("predecessor"),
        }
        if data.get("person"):
            values["person"] = data["person"]
        else:
            values["new_person"] = {
                name: data.get(name) or "" for name in self.NEW_PERSON if name != "principal"
            } | {"principal": data["principal"]}
        return values


class EndSeatForm(forms.Form):
    end_date = BoundedDateField(label="Sista dag på platsen")


class SubstituteForm(forms.Form):
    """ "Byt ersättare": the person who stands in for an ordinary member from a day."""

    sok = forms.CharField(widget=forms.HiddenInput, max_length=SEARCH_MAX, required=False)
    person = PersonChoiceField(label="Ny ersättare", queryset=Person.objects.none())
    start_date = BoundedDateField(label="Från och med")
    end_current = forms.BooleanField(
        label="Avsluta nuvarande ersättares plats dagen före", required=False, initial=True
    )

    def __init__(self, data=None, *, candidates, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["person"].queryset = candidates
