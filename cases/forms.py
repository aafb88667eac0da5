"""Forms for cases: they parse Swedish input; the services decide."""

from __future__ import annotations

import uuid

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.forms.models import ModelChoiceIterator
from django.utils.functional import lazy

from cases import selectors
from cases.models import Addressee, Case, CaseStatus, DecisionOutcome, Outcome, Recommendation
from cases.services import TREATMENT_OUTCOMES
from lib.dates import DateInput
from lib.forms import IdChoiceField, IdMultipleChoiceField
from meetings.models import Meeting
from search import query as search_query
from search.models import Kind
from structure.models import DecisionBody, Group, GroupKind, Person, Principal, Side

SEARCH_MAX_LENGTH = 200


class _ListedChoices(ModelChoiceIterator):
    """The choices from the meetings the form was given (already read, in their order), so
    rendering the field costs no query; a posted value is still checked against the queryset."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.listed)


class MeetingChoiceField(IdChoiceField):
    iterator = _ListedChoices
    listed: list[Meeting] = []

    def label_from_instance(self, obj: Meeting) -> str:
        return f"{obj.group.display_name} {obj.local_date:%Y-%m-%d}"


def _offer_meetings(field: MeetingChoiceField, meetings: list[Meeting]) -> None:
    """The listed meetings as the choices, and as a queryset (so a posted id of any other
    meeting is refused)."""
    field.listed = list(meetings)
    field.queryset = Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related("group")


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


def _all_principals_label() -> str:
    """The structure's count, read when the label is shown (another county has another)."""
    return f"Berörda huvudmän (inget val = alla {Principal.objects.count()})"


class RaiseCaseForm(forms.Form):
    # A fresh key per form shown: the same form posted twice (a double click) raises one case.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    group = IdChoiceField(label="Grupp", queryset=Group.objects.none(), empty_label="Välj grupp")
    title = forms.CharField(label="Rubrik", max_length=200)
    description = forms.CharField(
        label="Kort ärendebeskrivning", widget=forms.Textarea(attrs={"rows": 4})
    )
    proposal = forms.CharField(
        label="Förslag till åtgärd eller frågeställning", widget=forms.Textarea(attrs={"rows": 3})
    )
    principals = IdMultipleChoiceField(
        label=lazy(_all_principals_label, str)(),
        queryset=Principal.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submitted_by = IdChoiceField(
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
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields["group"].queryset = groups
        if people is None:
            del self.fields["submitted_by"]
        else:
            self.fields["submitted_by"].queryset = people

    def clean(self):
        data = super().clean()
        # A hidden field has no place to show its error: say it at the top of the form.
        if self._errors.pop("submission_key", None):
            self.add_error(None, "Formuläret har gått ut. Ladda om sidan och skicka igen.")
        return data


class RouteForm(forms.Form):
    group = IdChoiceField(
        label="Grupp",
        queryset=Group.objects.order_by("order", "name"),
        required=False,
        empty_label="–",
    )
    local_principal = IdChoiceField(
        label="eller lokal nivå (kommun)",
        required=False,
        empty_label="–",
        queryset=Principal.objects.filter(side=Side.MUNICIPALITY).order_by("name"),
    )
    shared_with = IdMultipleChoiceField(
        label="Delas med (gemensam process)",
        required=False,
        queryset=Group.objects.filter(kind=GroupKind.PREPARATORY_BODY),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Anteckning", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TreatmentForm(forms.Form):
    group = IdChoiceField(label="Grupp", queryset=Group.objects.none())
    outcome = forms.ChoiceField(
        label="Utfall", choices=[(o.value, o.label) for o in Outcome if o in TREATMENT_OUTCOMES]
    )
    meeting = MeetingChoiceField(
        label="Möte", queryset=Meeting.objects.none(), required=False, empty_label="–"
    )
    sent_to = IdChoiceField(
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
        _offer_meetings(self.fields["meeting"], meetings)  # newest first


class AgendaForm(forms.Form):
    meeting = MeetingChoiceField(label="Möte", queryset=Meeting.objects.none(), empty_label=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        # The next meeting first, and chosen: a case goes on the coming agenda, not a late one.
        _offer_meetings(self.fields["meeting"], meetings)
        if meetings and not self.is_bound:
            self.initial.setdefault("meeting", meetings[0].pk)


class AdoptForm(forms.Form):
    meeting = MeetingChoiceField(
        label="Möte där beslutet fattades", queryset=Meeting.objects.none(), empty_label=None
    )
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
        _offer_meetings(self.fields["meeting"], meetings)  # newest first


class DocumentForm(forms.Form):
    title = forms.CharField(label="Titel", max_length=200, required=False)
    document = forms.FileField(label="Fil", max_length=255)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Beslut", choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Kommentar (krävs vid delvis bifall: vad som inte bifölls)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = IdChoiceField(label="Beslutsinstans", queryset=DecisionBody.objects.none())
    decided_on = forms.DateField(label="Beslutsdatum", widget=DateInput)
    reference = forms.CharField(label="Paragraf eller hänvisning", max_length=100)
    document = forms.FileField(label="Protokollsutdrag (frivilligt)", required=False)

    def __init__(self, *args, principal, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = list(principal.decision_bodies.all())
        self.fields["body"].queryset = principal.decision_bodies.all()
        if len(bodies) == 1:
            # A principal's only decision body is the answer; the registrar need not pick it.
            self.fields["body"].empty_label = None
            self.initial.setdefault("body", bodies[0].pk)

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == DecisionOutcome.PARTLY_APPROVED
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", "Beskriv vid delvis bifall vad huvudmannen inte biföll.")
        return data


class CorrectDecisionForm(DecisionForm):
    reason = forms.CharField(
        label="Varför rättas beslutet?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["document"]


# --- Filters ----------------------------------------------------------------------------------


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def _case_year_choices():
    return [(year, str(year)) for year in selectors.case_years()]


class CaseFilter(django_filters.FilterSet):
    """The case list: by step (computed in SQL), group (where the case lives), year and text."""

    q = django_filters.CharFilter(label="Sök", method="search", max_length=SEARCH_MAX_LENGTH)
    step = django_filters.ChoiceFilter(
        label="Steg", choices=selectors.CaseStep.choices, empty_label="Alla steg", method="by_step"
    )
    group = IdChoiceFilter(
        label="Grupp",
        field_name="current_group",
        queryset=Group.objects.order_by("order", "name"),
        empty_label="Alla grupper",
    )
    year = django_filters.ChoiceFilter(
        label="År", choices=_case_year_choices, empty_label="Alla år"
    )

    def by_step(self, queryset, name, value):
        """The status column (indexed) decides finished and local cases; only open cases need
        the computed step."""
        step = selectors.CaseStep
        status = {step.FINISHED: CaseStatus.FINISHED, step.LOCAL: CaseStatus.LOCAL}.get(
            value, CaseStatus.OPEN
        )
        queryset = queryset.filter(status=status)
        return queryset if value in (step.FINISHED, step.LOCAL) else queryset.filter(step=value)

    class Meta:
        model = Case
        fields = ["q", "step", "group", "year"]

    def search(self, queryset, name, value):
        """Full-text search in the register number, title, description and proposal."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(pk__in=search_query.matching_ids(Kind.CASE, value))


class DecisionStatus:
    """The status filter of /beslut/: a recommendation still waits, or everyone has decided."""

    WAITING = "vantar"
    DONE = "klar"
    CHOICES = [(WAITING, "Väntar på beslut"), (DONE, "Alla har beslutat")]


def _recommendation_year_choices():
    return [(year, str(year)) for year in selectors.public_recommendation_years()]


class RecommendationFilter(django_filters.FilterSet):
    """/beslut/: by principal (recommendations addressed to it; the status is then its own),
    year of expedition and status."""

    principal = IdChoiceFilter(
        label="Huvudman",
        queryset=Principal.objects.order_by("-side", "name"),
        method="addressed_to",
        empty_label="Alla huvudmän",
    )
    year = django_filters.ChoiceFilter(
        label="År",
        field_name="expedited_at__year",
        choices=_recommendation_year_choices,
        empty_label="Alla år",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=DecisionStatus.CHOICES, method="by_status", empty_label="Alla"
    )

    class Meta:
        model = Recommendation
        fields = ["principal", "year", "status"]

    def addressed_to(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(Addressee.objects.filter(recommendation=OuterRef("pk"), principal=value))
        )

    def by_status(self, queryset, name, value):
        principal = self.form.cleaned_data.get("principal")
        if principal is not None:
            # The list holds expedited recommendations: an undecided addressee is a waiting one.
            pending = (
                Addressee.objects.undecided()
                .filter(principal=principal)
                .values("recommendation_id")
            )
            if value == DecisionStatus.WAITING:
                return queryset.filter(pk__in=pending)
            return queryset.exclude(pk__in=pending)
        # Exists, not the counts: the filter must not aggregate every recommendation.
        if value == DecisionStatus.WAITING:
            return queryset.filter(selectors.waits_on_a_principal())
        return queryset.exclude(selectors.waits_on_a_principal())


class RecommendationExportFilter(RecommendationFilter):
    """The download of /beslut/: the page's filters, and the adopting group."""

    group = IdChoiceFilter(
        label="Grupp",
        field_name="group",
        queryset=Group.objects.order_by("order", "name"),
        empty_label="Alla grupper",
    )

    class Meta(RecommendationFilter.Meta):
        fields = ["principal", "year", "status", "group"]


class CompilationYearForm(forms.Form):
    """The compilation's year: one of the years that have one (anything else shows this year)."""

    ar = forms.TypedChoiceField(coerce=int, required=False)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["ar"].choices = [(year, str(year)) for year in years]
