"""Follow-up pages: public results, the survey's one-time answer page, coordinators' actions.
One small view per action; the work is in selectors, measures, reports and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from accounts import permissions
from cases import selectors as case_selectors
from followup import charts, reports, selectors, services
from followup.forms import GoalFollowUpForm, OpenSurveyRoundForm, SurveyAnswerForm
from followup.goals import EFFECT_GOALS, PROJECT_GOALS, TARGET_SHARE
from followup.models import Indicator
from lib import exports, mass_mail
from lib.forms import apply_service_errors
from structure import county

EXPORT_FORMATS = ("csv", "json")


# --- Public ---------------------------------------------------------------------------------


def overview(request):
    today = timezone.localdate()
    report = reports.cached_process_report(group=None, today=today)
    names = {p.pk: p.name for p in selectors.principals()}
    decisions = [
        (names[row.principal_id], row)
        for row in reports.cached_principal_decision_times(list(names), today, years=report.years)
    ]
    return render(
        request,
        "followup/overview.html",
        {
            "report": report,
            "rows": report.rows(),
            "charts": report.charts(),
            "decisions": decisions,
            "groups": selectors.groups_for_followup(),
        },
    )


def group_measures(request, slug: str):
    group = get_object_or_404(selectors.groups_for_followup(), slug=slug)
    report = reports.cached_process_report(group=group, today=timezone.localdate())
    return render(
        request,
        "followup/group.html",
        {"group": group, "report": report, "rows": report.rows(), "charts": report.charts()},
    )


def process_export(request, fmt: str, slug: str | None = None):
    if fmt not in EXPORT_FORMATS:
        raise Http404
    group = get_object_or_404(selectors.groups_for_followup(), slug=slug) if slug else None
    today = timezone.localdate()
    return exports.response(
        reports.cached_process_report(group=group, today=today).table(today), fmt
    )


def indicator_list(request):
    return render(request, "followup/indicator_list.html", {"indicators": selectors.indicators()})


def indicator_detail(request, code: str):
    indicator = get_object_or_404(Indicator, code=code)
    own_area = county.for_request(request).kolada_area
    years, series = selectors.indicator_series(indicator, own_area)
    chart = charts.line_chart(
        title=indicator.name,
        labels=years,
        series=[
            (s.name, [s.values.get(y) for y in years])
            for s in selectors.chart_series(series, own_area)
        ],
        y_label=indicator.get_unit_display().capitalize(),
    )
    return render(
        request,
        "followup/indicator_detail.html",
        {
            "indicator": indicator,
            "years": years,
            "series": [(s, [s.values.get(y) for y in years]) for s in series],
            "chart": chart,
            # Credit Kolada where the figures came from there (never for fictional figures).
            "kolada": not indicator.fictional
            and (
                "kolada" in indicator.source.lower()
                or indicator.values.filter(from_kolada=True).exists()
            ),
        },
    )


def priority_list(request):
    return render(
        request,
        "followup/priority_list.html",
        {"priorities": selectors.priorities(), "labels": selectors.area_labels()},
    )


def priority_detail(request, pk: int):
    priority = get_object_or_404(selectors.priorities(), pk=pk)
    # Cases are internal: each signed-in user sees only those they may see; others a count.
    cases = (
        case_selectors.visible_cases(request.user).filter(priorities=priority)
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "followup/priority_detail.html",
        {"priority": priority, "cases": cases, "labels": selectors.area_labels()},
    )


def survey_results(request):
    results = selectors.round_results(TARGET_SHARE)
    trend = charts.line_chart(
        title="Andel nöjda per effektmål och enkätomgång",
        labels=[r.round.year for r in results],
        series=[
            (goal.code, [r.goals[i].satisfied for r in results])
            for i, goal in enumerate(EFFECT_GOALS[:3])
        ],
        y_label="Procent nöjda",
        x_label="Enkätomgång (år)",
        y_max=100,
    )
    latest = results[-1] if results else None
    latest_chart = (
        charts.bar_chart(
            title=f"{latest.round.title}: andel nöjda per effektmål",
            labels=[g.goal for g in latest.goals],
            values=[g.satisfied for g in latest.goals],
            y_label="Procent nöjda",
            x_label="Effektmål",
            y_max=100,
            target=TARGET_SHARE,
        )
        if latest
        else None
    )
    return render(
        request,
        "followup/survey_results.html",
        {
            "results": results,
            "goals": EFFECT_GOALS,
            "target": TARGET_SHARE,
            "trend": trend,
            "latest": latest,
            "latest_chart": latest_chart,
            "latest_pairs": list(zip(EFFECT_GOALS, latest.goals, strict=True)) if latest else [],
            "trend_rows": [
                (goal, [r.goals[i] for r in results]) for i, goal in enumerate(EFFECT_GOALS)
            ],
        },
    )


def implementation(request):
    today = timezone.localdate()
    status = selectors.implementation_status(today)
    goals = {g.code: g for g in PROJECT_GOALS}
    effect = {g.code: g for g in EFFECT_GOALS}
    return render(
        request,
        "followup/implementation.html",
        {
            "rows": [(goals[s.code], s, [effect[c] for c in goals[s.code].serves]) for s in status],
            "agreements": selectors.agreements(),
            "missing": selectors.municipalities_without_agreement(today),
        },
    )


# --- The survey's one-time link ----------------------------------------------------------------


@sensitive_variables()
@sensitive_post_parameters()
@never_cache
def survey_answer(request, token: str):
    """GET shows the statements; POST stores the answers once. An unknown, used or closed link
    answers the same 404 page, so a guess learns nothing."""
    try:
        invitation = services.invitation_for_token(token)
    except services.SurveyLinkInvalid:
        return render(request, "followup/survey_invalid.html", status=404)
    survey = invitation.round
    form = SurveyAnswerForm(request.POST or None, scale_max=survey.scale_max)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(token=token, values=form.values())
        except services.SurveyLinkInvalid:
            return render(request, "followup/survey_invalid.html", status=404)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return render(request, "followup/survey_thanks.html", {"survey": survey})
    return render(
        request, "followup/survey_answer.html", {"survey": survey, "form": form}, status=200
    )


# --- Coordinators -------------------------------------------------------------------------------


# The manage page holds two forms that both ask for a year: each has ids of its own.
ROUND_IDS = "enkat-%s"
FOLLOW_UP_IDS = "uppfoljning-%s"


def _require_manager(request) -> None:
    if not permissions.can_manage_followup(request.user):
        raise PermissionDenied


def _manage_context(request, *, round_form=None, follow_up_form=None):
    groups = selectors.groups_for_followup()
    return {
        "round_form": round_form
        or OpenSurveyRoundForm(
            groups=groups, default_groups=selectors.default_survey_groups(), auto_id=ROUND_IDS
        ),
        "follow_up_form": follow_up_form
        or GoalFollowUpForm(goals=selectors.goals_for_follow_up(), auto_id=FOLLOW_UP_IDS),
        "rounds": selectors.survey_rounds().order_by("-year", "-pk"),
    }


@login_required
def manage(request):
    _require_manager(request)
    return render(request, "followup/manage.html", _manage_context(request))


def _mail_preview(request, preview, *, heading, form=None, action, confirm_label, status=200):
    return render(
        request,
        "followup/mail_preview.html",
        {
            "heading": heading,
            "preview": preview,
            "hidden": mass_mail.hidden_values(form) if form is not None else [],
            "action": action,
            "confirm_label": confirm_label,
            "cancel_url": reverse("followup:manage"),
        },
        status=status,
    )


@login_required
@require_POST
def open_round(request):
    """The first POST shows who gets which mail; the round opens only when the preview's
    confirmation posts the same values again (and the recipients are still the same)."""
    _require_manager(request)
    groups = selectors.groups_for_followup()
    form = OpenSurveyRoundForm(
        request.POST,
        groups=groups,
        default_groups=selectors.default_survey_groups(),
        auto_id=ROUND_IDS,
    )
    if form.is_valid():
        data = form.cleaned_data
        expect = mass_mail.ConfirmForm(request.POST).confirmed()
        try:
            if expect is not None:
                survey = services.open_survey_round(
                    by=request.user,
                    title=data["title"],
                    year=data["year"],
                    closes_on=data["closes_on"],
                    groups=data["groups"],
                    scale_max=data["scale_max"],
                    satisfied_from=data["satisfied_from"],
                    expect=expect,
                )
                messages.success(
                    request,
                    f"Enkäten är öppnad och {survey.invitations.count()} personer har fått en "
                    "länk.",
                )
                return redirect("followup:manage")
        except mass_mail.RecipientsChanged as exc:
            messages.warning(request, exc.messages[0])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        if not form.errors:
            preview = services.preview_survey_round(
                by=request.user,
                title=data["title"],
                closes_on=data["closes_on"],
                groups=data["groups"],
            )
            if preview.count:
                return _mail_preview(
                    request,
                    preview,
                    heading=f"Öppna enkäten {data['title']}",
                    form=form,
                    action=reverse("followup:open_round"),
                    confirm_label=f"Öppna enkäten och skicka {preview.count} länkar",
                )
            form.add_error(None, "Ingen i de valda grupperna har en e-postadress.")
    return render(
        request, "followup/manage.html", _manage_context(request, round_form=form), status=400
    )


@login_required
@require_POST
def send_reminders(request):
    """The first POST shows how many reminders go out and their text; they are sent only when
    the preview's confirmation posts back (and the reminders to send are still the same)."""
    _require_manager(request)
    expect = mass_mail.ConfirmForm(request.POST).confirmed()
    if expect is not None:
        try:
            sent = services.send_survey_reminders(by=request.user, expect=expect)
        except mass_mail.RecipientsChanged as exc:
            messages.warning(request, exc.messages[0])
        else:
            messages.success(request, f"Påminnelser skickade: {sent}.")
            return redirect("followup:manage")
    return _mail_preview(
        request,
        services.preview_survey_reminders(by=request.user),
        heading="Påminn dem som inte har svarat",
        action=reverse("followup:send_reminders"),
        confirm_label="Skicka påminnelserna",
    )


@login_required
@require_POST
def record_follow_up(request):
    _require_manager(request)
    form = GoalFollowUpForm(
        request.POST, goals=selectors.goals_for_follow_up(), auto_id=FOLLOW_UP_IDS
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_goal_follow_up(
                by=request.user,
                goal=data["goal"],
                year=data["year"],
                decision=data["decision"],
                note=data["note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Uppföljningen är sparad.")
            return redirect("followup:manage")
    return render(
        request,
        "followup/manage.html",
        _manage_context(request, follow_up_form=form),
        status=400,
    )
