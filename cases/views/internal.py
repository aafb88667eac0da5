"""Internal case pages: list, raise, the case and its path, registrars' inbox, expedition.

One URL and one small view per action: the case page only shows forms; each form posts to its
own view, which parses it, calls one service and redirects to the section that changed, where
the message is shown. A form with errors comes back on the case page (400), as typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts import permissions
from cases import selectors, services
from cases.forms import (
    AdoptForm,
    AgendaForm,
    CaseFilter,
    CorrectDecisionForm,
    DecisionForm,
    DocumentForm,
    RaiseCaseForm,
    RouteForm,
    TreatmentForm,
)
from cases.models import Case
from lib import mass_mail, sections
from lib.forms import apply_service_errors
from lib.pagination import paginate, query_without_page
from structure.models import Group, Membership, Person

# The case page's sections (their ids are the anchors a finished action lands on).
ROUTE = "hemvist"
TREAT = "behandling"
AGENDA = "dagordning"
ADOPT = "rekommendation"
RECOMMENDATIONS = "rekommendationer"
DOCUMENTS = "handlingar"
FOLLOW = "bevakning"


# --- List and raise -----------------------------------------------------------------------------


@login_required
@require_GET
def case_list(request):
    cases = selectors.with_step(selectors.visible_cases(request.user)).order_by("-year", "-serial")
    filters = CaseFilter(request.GET or None, queryset=cases)
    status = 200 if not filters.is_bound or filters.form.is_valid() else 400
    page = paginate(request, filters.qs if status == 200 else cases.none())
    for case in page.object_list:
        case.step_label = selectors.step_label(case)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": page,
            "query": query_without_page(request),
            "filter_form": filters.form,
            "can_raise": permissions.can_raise_cases(request.user),
        },
        status=status,
    )


def _raise_form(user, data=None, files=None) -> RaiseCaseForm:
    coordinator = permissions.is_coordinator(user)
    groups = Group.objects.acting_for(user).order_by("order", "name")
    people = (
        Person.objects.filter(
            pk__in=Membership.objects.current(timezone.localdate()).values("person_id")
        ).order_by("last_name", "first_name")
        if coordinator
        else None
    )
    return RaiseCaseForm(data, files, groups=groups, people=people)


@login_required
def case_create(request):
    permissions.require(permissions.can_raise_cases(request.user))
    form = _raise_form(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.raise_case(
                group=data["group"],
                by=request.user,
                title=data["title"],
                description=data["description"],
                proposal=data["proposal"],
                principals=data["principals"],
                submitted_by=data.get("submitted_by"),
                origin_note=data["origin_note"],
                documents=data["documents"],
                submission_key=data["submission_key"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Ärendet är registrerat som {case.register_number}.")
            return redirect(case.get_absolute_url())
    return render(request, "cases/case_form.html", {"form": form})


# --- The case page ------------------------------------------------------------------------------


def _case_or_404(user, pk: int) -> Case:
    case = selectors.case_for_page(user, pk)
    if case is None:
        raise Http404
    return case


class _CaseForms:
    """The forms of one case page, each with the choices this user has for this case."""

    def __init__(self, user, case: Case):
        self.user = user
        self.case = case
        self.managed = selectors.managed_groups(user, case)
        self.adopting = [g for g in self.managed if g.gives_recommendations or g.decides_itself]
        self._recent: list | None = None
        self._coming: list | None = None

    @property
    def recent(self) -> list:
        if self._recent is None:
            self._recent = selectors.recent_meetings(self.managed)
        return self._recent

    @property
    def coming(self) -> list:
        if self._coming is None:
            self._coming = selectors.coming_meetings(self.managed)
        return self._coming

    @property
    def adoptable(self) -> list:
        """The adopting groups' begun meetings; read once with the treatment form's when they
        are the same groups."""
        if self.adopting == self.managed:
            return selectors.begun(self.recent)
        return selectors.adoptable_meetings(self.adopting)

    def route(self, data=None) -> RouteForm:
        return RouteForm(data, initial={"group": self.case.current_group_id}, prefix="route")

    def treat(self, data=None) -> TreatmentForm:
        return TreatmentForm(
            data,
            groups=Group.objects.filter(pk__in=[g.pk for g in self.managed]),
            meetings=self.recent,
            prefix="treat",
            initial={"group": self.case.current_group_id},
        )

    def agenda(self, data=None) -> AgendaForm:
        return AgendaForm(data, meetings=self.coming, prefix="agenda")

    def adopt(self, data=None) -> AdoptForm:
        return AdoptForm(
            data,
            meetings=self.adoptable,
            initial={"title": self.case.title},
            prefix="adopt",
        )

    def document(self, data=None, files=None) -> DocumentForm:
        return DocumentForm(data, files, prefix="document")


def _case_page(request, case: Case, status: int = 200, **bound):
    user = request.user
    forms = _CaseForms(user, case)
    coordinator = permissions.is_coordinator(user)
    route_form = bound.get("route_form") or forms.route()
    treat_form = bound.get("treat_form") or forms.treat()
    agenda_form = bound.get("agenda_form") or forms.agenda()
    adopt_form = bound.get("adopt_form") or forms.adopt()
    document_form = bound.get("document_form") or forms.document()
    documents: dict[str, list] = {}
    for document in case.documents.all():
        documents.setdefault(document.group.name, []).append(document)
    general, by_section = sections.split(request)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "documents": documents,
            "coordinator": coordinator,
            "can_treat": bool(forms.managed),
            "can_add_document": permissions.can_add_case_document(
                user, case.current_group or case.origin_group
            ),
            "route_form": route_form,
            "treat_form": treat_form,
            "agenda_form": _offered(agenda_form),
            "adopt_form": _offered(adopt_form),
            "document_form": document_form,
            "following": selectors.is_following(user, case),
            "messages": general,
            "section_messages": by_section,
        },
        status=status,
    )


def _offered(form):
    """A meeting form is offered when there is a meeting to choose, or shown with its errors."""
    return form if form.is_bound or form.fields["meeting"].listed else None


def _done(request, case: Case, section: str, message: str):
    return sections.redirect_to(request, case.get_absolute_url(), section, message)


@login_required
@require_GET
def case_detail(request, pk: int):
    return _case_page(request, _case_or_404(request.user, pk))


@login_required
@require_POST
def case_route(request, pk: int):
    case = _case_or_404(request.user, pk)
    form = _CaseForms(request.user, case).route(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.route_case(
                case=case,
                by=request.user,
                group=data["group"],
                local_principal=data["local_principal"],
                note=data["note"],
                shared_with=data["shared_with"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, ROUTE, "Hemvisten är registrerad.")
    return _case_page(request, case, status=400, route_form=form)


@login_required
@require_POST
def case_treat(request, pk: int):
    case = _case_or_404(request.user, pk)
    form = _CaseForms(request.user, case).treat(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_treatment(
                case=case,
                group=data["group"],
                by=request.user,
                outcome=data["outcome"],
                meeting=data["meeting"],
                sent_to=data["sent_to"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, TREAT, "Behandlingen är registrerad.")
    return _case_page(request, case, status=400, treat_form=form)


@login_required
@require_POST
def case_put_on_agenda(request, pk: int):
    case = _case_or_404(request.user, pk)
    form = _CaseForms(request.user, case).agenda(request.POST)
    if form.is_valid():
        try:
            services.put_on_agenda(case=case, meeting=form.cleaned_data["meeting"], by=request.user)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, AGENDA, "Ärendet står på dagordningen.")
    return _case_page(request, case, status=400, agenda_form=form)


@login_required
@require_POST
def case_adopt(request, pk: int):
    case = _case_or_404(request.user, pk)
    form = _CaseForms(request.user, case).adopt(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.adopt_recommendation(
                case=case,
                meeting=data["meeting"],
                by=request.user,
                title=data["title"],
                decisions=data["decisions"],
                principals=data["principals"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            message = (
                "Beslutet är registrerat."
                if recommendation.own_decision
                else "Rekommendationen är antagen."
            )
            return _done(request, case, RECOMMENDATIONS, message)
    return _case_page(request, case, status=400, adopt_form=form)


@login_required
@require_POST
def case_add_document(request, pk: int):
    case = _case_or_404(request.user, pk)
    form = _CaseForms(request.user, case).document(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_document(
                case=case,
                group=case.current_group or case.origin_group,
                by=request.user,
                upload=form.cleaned_data["document"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _done(request, case, DOCUMENTS, "Handlingen är tillagd.")
    return _case_page(request, case, status=400, document_form=form)


@login_required
@require_POST
def case_follow(request, pk: int):
    case = _case_or_404(request.user, pk)
    services.follow(case=case, by=request.user)
    return _done(request, case, FOLLOW, "Du följer ärendet och får e-post när det händer något.")


@login_required
@require_POST
def case_unfollow(request, pk: int):
    case = _case_or_404(request.user, pk)
    services.unfollow(case=case, by=request.user)
    return _done(request, case, FOLLOW, "Du följer inte längre ärendet.")


@login_required
@require_GET
def document_download(request, pk: int, doc: int):
    case = _case_or_404(request.user, pk)
    document = get_object_or_404(case.documents, pk=doc)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.original_name
    )


# --- Expedition (R-C4) ------------------------------------------------------------------------


def _recommendation_to_expedite(user, pk: int):
    # An unexpedited recommendation is internal: for anyone but a coordinator it does not exist.
    permissions.require_or_404(permissions.can_expedite(user))
    recommendation = selectors.recommendation_for_expedition(pk)
    if recommendation is None:
        raise Http404
    return recommendation


def _recommendations_section(recommendation) -> str:
    return f"{recommendation.case.get_absolute_url()}#{RECOMMENDATIONS}"


@login_required
@require_GET
def expedite_preview(request, pk: int):
    """Who gets what before anything is sent: principals, decision bodies, registrars, the
    text, and a warning for principals without a registrar (they would get nothing)."""
    recommendation = _recommendation_to_expedite(request.user, pk)
    lines = selectors.expedition_preview(recommendation)
    return render(
        request,
        "cases/expedite.html",
        {
            "rec": recommendation,
            "lines": lines,
            "without_registrar": [line for line in lines if not line.registrars],
            "case_url": _recommendations_section(recommendation),
            "fingerprint": selectors.expedition_fingerprint(lines),
        },
    )


@login_required
@require_POST
def recommendation_expedite(request, pk: int):
    """The confirmation posted from the preview. If the recipients changed since the preview
    was shown, nothing is sent and the new preview is shown."""
    recommendation = _recommendation_to_expedite(request.user, pk)
    expect = mass_mail.ConfirmForm(request.POST).confirmed()
    if expect is None and "fingerprint" in request.POST:
        expect = ""  # a fingerprint no preview made: a changed preview, never no preview
    try:
        sent = services.expedite(recommendation=recommendation, by=request.user, expect=expect)
    except mass_mail.RecipientsChanged as exc:
        messages.warning(request, exc.messages[0])
        return redirect("cases:expedite_preview", recommendation.pk)
    except ValidationError as exc:
        for message in exc.messages:
            sections.add(request, RECOMMENDATIONS, message, messages.ERROR)
    else:
        sections.add(
            request,
            RECOMMENDATIONS,
            f"Rekommendationen är expedierad ({sent} registratorer fick e-post).",
        )
    return redirect(_recommendations_section(recommendation))


# --- Registrars (R-C4) ------------------------------------------------------------------------


@login_required
@require_GET
def registrar_inbox(request):
    user = request.user
    permissions.require(permissions.can_use_registrar_inbox(user))
    principal = permissions.registrar_principal(user)
    if principal is None:
        waiting, done = selectors.waiting_for_any_principal(), []
    else:
        waiting = selectors.waiting_for_registrar(principal)
        done = selectors.registered_by_registrar(principal)
    page = paginate(request, waiting)
    return render(
        request,
        "cases/registrar_inbox.html",
        {"principal": principal, "page": page, "waiting": page.object_list, "done": done},
    )


def _addressee_or_404(user, pk: int):
    # Only expedited recommendations exist for registrars; another principal's look the same
    # as a missing one, so nothing about unexpedited or foreign recommendations leaks.
    return get_object_or_404(selectors.addressees_for_registration(user), pk=pk)


@login_required
def register_decision(request, pk: int):
    addressee = _addressee_or_404(request.user, pk)
    form = DecisionForm(request.POST or None, request.FILES or None, principal=addressee.principal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_decision(
                addressee=addressee,
                by=request.user,
                outcome=data["outcome"],
                body=data["body"],
                decided_on=data["decided_on"],
                reference=data["reference"],
                comment=data["comment"],
                document=data["document"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Beslutet för {addressee.principal} är registrerat.")
            return redirect("cases:registrar_inbox")
    return render(
        request,
        "cases/register_decision.html",
        {
            "addressee": addressee,
            "form": form,
            "decided": hasattr(addressee, "decision"),
            "on_behalf": permissions.registrar_principal(request.user) != addressee.principal,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def correct_decision(request, pk: int):
    """A registered decision is corrected by a recorded correction; the old one stays visible."""
    addressee = _addressee_or_404(request.user, pk)
    decision = getattr(addressee, "decision", None)
    if decision is None:
        raise Http404
    initial = {
        "outcome": decision.outcome,
        "body": decision.body_id,
        "decided_on": decision.decided_on,
        "reference": decision.reference,
        "comment": decision.comment,
    }
    form = CorrectDecisionForm(request.POST or None, initial=initial, principal=addressee.principal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_decision(
                decision=decision,
                by=request.user,
                outcome=data["outcome"],
                body=data["body"],
                decided_on=data["decided_on"],
                reference=data["reference"],
                comment=data["comment"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"Beslutet för {addressee.principal} är rättat.")
            return redirect("cases:registrar_inbox")
    return render(
        request,
        "cases/correct_decision.html",
        {"addressee": addressee, "decision": decision, "form": form},
        status=400 if request.method == "POST" else 200,
    )
