"""The follow-up pages: what everyone sees, what only coordinators may do, and attacks."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.db.models import Sum
from django.urls import reverse

from cases.models import Case
from followup import services
from followup.models import (
    Agreement,
    AgreementKind,
    Goal,
    GoalFollowUp,
    IndicatorValue,
    Priority,
    SurveyRound,
    SurveyTally,
)
from followup.tests.conftest import at
from structure.models import Group, Principal, Side
from testing.builders import survey_answers
from testing.queries import COUNTY_FACTS

# --- Public pages ------------------------------------------------------------------------------


def test_overview_shows_each_measure_as_a_chart_with_a_table(client, history):
    history(3)
    response = client.get(reverse("followup:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") == 5
    assert "<title id=" in body and "Kallelser med underlag i tid" in body
    assert "<caption>Möten per år</caption>" in body
    assert 'style="' not in body.split("<main", 1)[1]
    assert "<script" not in body.split("<main", 1)[1]  # no inline script in the page itself


def test_overview_query_count_does_not_grow_with_the_data(
    client, history, django_assert_max_num_queries
):
    history(2)
    # 12, and on PostgreSQL the JIT switch of the aggregate queries (followup.sql.without_jit)
    with django_assert_max_num_queries(16 + COUNTY_FACTS):
        client.get(reverse("followup:overview"))
    history(20)
    with django_assert_max_num_queries(16 + COUNTY_FACTS):
        client.get(reverse("followup:overview"))


def test_group_page_query_count_does_not_grow_with_the_data(
    client, history, django_assert_max_num_queries
):
    url = reverse("followup:group_measures", args=["lsg"])
    history(2)
    with django_assert_max_num_queries(10 + COUNTY_FACTS):
        client.get(url)
    history(20)
    with django_assert_max_num_queries(10 + COUNTY_FACTS):
        client.get(url)


def test_process_measures_download_as_csv(client, history):
    history(3)
    response = client.get(reverse("followup:process_export", args=["csv"]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = text.strip().splitlines()
    assert header.startswith("Omfattning;År;Hållna möten")
    assert any(row.startswith("Hela strukturen;2025;3;") for row in rows)


def test_process_measures_download_as_json_per_group(client, history):
    history(2)
    response = client.get(reverse("followup:group_process_export", args=["lsg", "json"]))
    data = json.loads(b"".join(response.streaming_content))
    row = next(r for r in data["rows"] if r["year"] == 2025)
    assert row["meetings_held"] == 2
    assert row["days_to_public_minutes"] == 12
    assert row["attendance_present_pct"] == 100


def test_an_unknown_download_format_is_404(client, structure):
    assert client.get("/uppfoljning/processmatt.exe").status_code == 404


def test_an_unknown_group_is_404(client, structure):
    assert client.get("/uppfoljning/grupp/finns-inte/").status_code == 404


def test_indicator_page_credits_kolada_and_compares_areas(client, indicator):
    IndicatorValue.objects.create(indicator=indicator, area="0024", year=2024, value=90)
    IndicatorValue.objects.create(indicator=indicator, area="0000", year=2024, value=95)
    body = client.get(indicator.get_absolute_url()).content.decode()
    assert "Källa: Kolada" in body
    assert "Region Västerbotten" in body and "Riket" in body
    assert "Fiktiva siffror" not in body


def test_fictional_figures_are_labelled_so(client, indicator):
    indicator.fictional = True
    indicator.source = "Fiktiva demovärden"
    indicator.save()
    body = client.get(indicator.get_absolute_url()).content.decode()
    assert "Fiktiva siffror" in body
    assert "Källa: Kolada" not in body


def test_priority_page_shows_goals_and_hides_case_titles_from_the_public(
    client, indicator, history
):
    history(1)
    priority = Priority.objects.create(title="Trygg hemgång", decided_on=datetime.date(2024, 10, 1))
    priority.cases.set(Case.objects.all())
    goal = Goal.objects.create(
        priority=priority,
        indicator=indicator,
        baseline_year=2023,
        baseline_value=104,
        target_value=80,
        target_year=2027,
    )
    GoalFollowUp.objects.create(goal=goal, year=2025, status="improving", decision="keep")
    body = client.get(priority.get_absolute_url()).content.decode()
    assert "Utvecklas mot målet" in body and "Målet behålls" in body
    assert "1 ärenden är kopplade" in body
    assert "Ärende 0" not in body


def test_implementation_page_computes_p2_from_the_agreements(client, structure):
    Agreement.objects.create(
        kind=AgreementKind.REGIONAL,
        title="Regional",
        what="w",
        how="h",
        when="n",
        functions="f",
        in_force_from=datetime.date(2020, 1, 1),
    )
    for municipality in Principal.objects.filter(side=Side.MUNICIPALITY).exclude(slug="asele"):
        Agreement.objects.create(
            kind=AgreementKind.LOCAL,
            municipality=municipality,
            title=f"Lokal {municipality.name}",
            what="w",
            how="h",
            when="n",
            functions="f",
            in_force_from=datetime.date(2021, 1, 1),
        )
    body = client.get(reverse("followup:implementation")).content.decode()
    assert "14 av 15 lokala överenskommelser gäller." in body
    assert "Lokal överenskommelse som inte gäller ännu: Åsele." in body


def test_survey_results_page_hides_goals_with_fewer_than_five_answers(client, structure):
    survey = SurveyRound.objects.create(
        title="Enkät 2026",
        year=2026,
        closes_on=datetime.date(2026, 12, 1),
        opened_at=at(datetime.date(2026, 11, 1)),
    )
    survey_answers(survey, "E1", [5] * 5)
    survey_answers(survey, "E2", [5] * 4)
    body = client.get(reverse("followup:survey_results")).content.decode()
    assert "100 %" in body
    assert body.count("För få svar för att visa") == 4  # E2–E5


# --- The survey's link, without JavaScript ------------------------------------------------


@pytest.fixture
def token(coordinator, seat, django_capture_on_commit_callbacks):
    seat("lsg", 1)
    with django_capture_on_commit_callbacks(execute=True):
        services.open_survey_round(
            by=coordinator,
            title="Enkät 2026",
            year=2026,
            closes_on=datetime.date.today() + datetime.timedelta(days=14),
            groups=Group.objects.filter(slug="lsg"),
        )
    return re.search(r"/enkat/([\w-]+)/", mail.outbox[-1].body).group(1)


def answers_counted() -> int:
    return SurveyTally.objects.aggregate(n=Sum("count"))["n"] or 0


def test_the_mailed_link_shows_five_statements_as_radio_buttons(client, token):
    body = client.get(f"/enkat/{token}/").content.decode()
    assert body.count('type="radio"') == 25
    assert "Kontinuiteten i samverkan är tillfredsställande." in body


def test_answering_through_the_form_works_once(client, token):
    answers = {code: "5" for code in ("E1", "E2", "E3", "E4", "E5")}
    response = client.post(f"/enkat/{token}/", answers)
    assert "Tack för dina svar" in response.content.decode()
    assert answers_counted() == 5
    again = client.post(f"/enkat/{token}/", answers)
    assert again.status_code == 404
    assert answers_counted() == 5


def test_a_missing_answer_keeps_the_others_and_says_what_is_missing(client, token):
    response = client.post(f"/enkat/{token}/", {"E1": "5", "E2": "3"})
    body = response.content.decode()
    assert "Välj ett värde för påståendet." in body
    assert re.search(r'value="3"[^>]*checked|checked[^>]*value="3"', body)
    assert answers_counted() == 0


def test_a_guessed_link_looks_like_a_used_one(client, token):
    guessed = client.get("/enkat/" + "A" * 43 + "/")
    assert guessed.status_code == 404
    assert "Länken fungerar inte" in guessed.content.decode()


# --- Coordinators only -----------------------------------------------------------------------


def test_the_manage_page_sends_anonymous_visitors_to_sign_in(client, structure):
    response = client.get(reverse("followup:manage"))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


def test_a_signed_in_non_coordinator_cannot_open_a_round(client, plain_user, seat):
    seat("lsg", 2)
    client.force_login(plain_user)
    assert client.get(reverse("followup:manage")).status_code == 403
    response = client.post(
        reverse("followup:open_round"),
        {
            "title": "Min enkät",
            "year": 2026,
            "closes_on": "2099-01-01",
            "scale_max": 5,
            "satisfied_from": 4,
            "groups": [Group.objects.get(slug="lsg").pk],
        },
    )
    assert response.status_code == 403
    assert not SurveyRound.objects.exists()


def test_a_non_coordinator_cannot_trigger_reminders(
    client, plain_user, token, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.force_login(plain_user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("followup:send_reminders")).status_code == 403
    assert mail.outbox == []


def test_a_coordinator_opening_a_round_from_the_page_first_sees_a_preview(
    client, coordinator, seat, django_capture_on_commit_callbacks
):
    seat("lsg", 2)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("followup:open_round"),
            {
                "title": "Enkät 2026",
                "year": 2026,
                "closes_on": "2099-01-01",
                "scale_max": 5,
                "satisfied_from": 4,
                "groups": [Group.objects.get(slug="lsg").pk],
            },
        )
    assert response.status_code == 200
    assert "Förhandsvisning: 2 mottagare" in response.content.decode()
    assert mail.outbox == []  # the confirmation is tested in test_open_round


def test_a_satisfied_limit_above_the_scale_is_a_swedish_form_error(client, coordinator, seat):
    client.force_login(coordinator)
    response = client.post(
        reverse("followup:open_round"),
        {
            "title": "Enkät",
            "year": 2026,
            "closes_on": "2099-01-01",
            "scale_max": 5,
            "satisfied_from": 7,
            "groups": [Group.objects.get(slug="lsg").pk],
        },
    )
    assert response.status_code == 400
    assert "Nöjd-gränsen kan inte ligga över skalans högsta värde." in response.content.decode()
    assert 'value="Enkät"' in response.content.decode()


def test_a_coordinator_records_the_yearly_follow_up_with_computed_status(
    client, coordinator, indicator
):
    IndicatorValue.objects.create(indicator=indicator, area="0024", year=2025, value=79)
    priority = Priority.objects.create(title="P", decided_on=datetime.date(2024, 10, 1))
    goal = Goal.objects.create(
        priority=priority,
        indicator=indicator,
        baseline_year=2023,
        baseline_value=104,
        target_value=80,
        target_year=2027,
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("followup:record_follow_up"),
        {"goal": goal.pk, "year": 2025, "decision": "keep", "note": ""},
    )
    assert response.status_code == 302
    follow_up = GoalFollowUp.objects.get()
    assert (follow_up.status, follow_up.latest_value) == ("reached", 79)


def test_revising_a_goal_keeps_the_earlier_version_in_history(indicator):
    priority = Priority.objects.create(title="P", decided_on=datetime.date(2024, 10, 1))
    goal = Goal.objects.create(
        priority=priority,
        indicator=indicator,
        baseline_year=2023,
        baseline_value=104,
        target_value=80,
        target_year=2026,
    )
    goal.target_year = 2028
    goal.save()
    assert [h.target_year for h in goal.history.order_by("history_date")] == [2026, 2028]


def test_survey_invitations_and_answers_are_not_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    body = client.get("/admin/").content.decode()
    assert "Resultatindikatorer" in body
    assert "/admin/followup/surveyanswer/" not in body
    assert "/admin/followup/surveyinvitation/" not in body


def test_priority_and_survey_pages_query_count_does_not_grow(
    client, indicator, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            priority = Priority.objects.create(title=f"P{i}", decided_on=datetime.date(2024, 1, 1))
            goal = Goal.objects.create(
                priority=priority,
                indicator=indicator,
                baseline_year=2023,
                baseline_value=1,
                target_value=2,
                target_year=2027,
            )
            GoalFollowUp.objects.create(goal=goal, year=2025, status="improving", decision="keep")
            survey = SurveyRound.objects.create(
                title=f"Enkät {i}",
                year=2020 + i,
                closes_on=datetime.date(2026, 1, 1),
                opened_at=at(datetime.date(2025, 12, 1)),
            )
            survey_answers(survey, "E1", [4] * 6)

    for n in (1, 6):
        add(n)
        with django_assert_max_num_queries(10):
            client.get(reverse("followup:priority_list"))
        with django_assert_max_num_queries(6):
            client.get(reverse("followup:survey_results"))


def test_working_group_reports_on_time_are_a_measure_of_the_receiving_group(client, history):
    from testing.builders import person
    from workgroups.models import Status, WorkingGroup

    history(1)  # a year with meetings, so 2025 is shown

    lsg = Group.objects.get(slug="lsg")
    convener = person("Vera")
    for name, due, delivered in (
        ("I tid", datetime.date(2025, 3, 1), datetime.date(2025, 2, 27)),
        ("Sen", datetime.date(2025, 5, 1), datetime.date(2025, 6, 2)),
    ):
        WorkingGroup.objects.create(
            name=name,
            set_up_by=lsg,
            set_up_on=datetime.date(2024, 11, 1),
            decision_reference="LSG 2024-11-01 § 4",
            assignment="Ta fram underlag.",
            convener=convener,
            due_on=due,
            reports_to=lsg,
            status=Status.DELIVERED,
            delivered_on=delivered,
        )
    response = client.get(reverse("followup:group_process_export", args=["lsg", "json"]))
    rows = json.loads(b"".join(response.streaming_content))
    row_2025 = next(r for r in rows["rows"] if r["year"] == 2025)
    assert row_2025["working_group_reports_on_time_pct"] == 50
