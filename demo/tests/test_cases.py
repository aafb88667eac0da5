"""The demo cases: two years, every state, realistic dates, tied to real meetings, idempotent."""

import datetime

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from cases.models import (
    Case,
    CaseStatus,
    DecisionOutcome,
    Follow,
    Outcome,
    PrincipalDecision,
    Recommendation,
    Treatment,
)
from demo.cases import load_case_demo
from demo.cases_data import CASES, MEETINGS_2025, PAPERS_DAYS_LATE_2025
from demo.meetings_data import DEMO_TODAY
from meetings.models import AttendanceStatus, Meeting, MinutesStatus
from meetings.services import required_approvers
from structure.models import Principal
from testing.reference import module_data

TREATED_AT_MEETINGS = {"lsg", "samrad"}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo takes seconds to load: once for this module (see `module_data`)."""
    with module_data(django_db_blocker):
        yield load_case_demo()


@pytest.fixture
def case_demo(loaded, db):
    return loaded


def recommendations():
    return Recommendation.objects.filter(own_decision=False).annotate(
        addressed=Count("addressees", distinct=True),
        decided=Count("addressees__decision", distinct=True),
    )


def test_the_demo_creates_every_case_in_the_data(case_demo):
    assert case_demo == len(CASES) == Case.objects.count()
    assert 25 <= case_demo <= 35


def test_cases_are_raised_in_2025_and_2026_with_gap_free_register_numbers(case_demo):
    for year in (2025, 2026):
        serials = list(Case.objects.filter(year=year).order_by("serial").values_list("serial"))
        assert [serial for (serial,) in serials] == list(range(1, len(serials) + 1)), year
        assert len(serials) >= 10, year


def test_register_numbers_follow_the_day_a_case_was_raised(case_demo):
    for year in (2025, 2026):
        raised = list(Case.objects.filter(year=year).order_by("serial").values_list("created_at"))
        assert raised == sorted(raised), year


def test_cases_are_open_at_local_level_and_finished(case_demo):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == {CaseStatus.OPEN, CaseStatus.LOCAL, CaseStatus.FINISHED}
    local = Case.objects.get(status=CaseStatus.LOCAL)
    assert local.local_principal.side == "municipality"
    assert local.current_group is None


def test_every_outcome_of_a_treatment_occurs(case_demo):
    assert set(Treatment.objects.values_list("outcome", flat=True)) == set(Outcome.values)


def test_some_cases_wait_for_routing(case_demo):
    waiting = Case.objects.annotate(steps=Count("treatments")).filter(steps=1)
    assert waiting.count() >= 2
    for case in waiting:
        assert case.treatments.get().outcome == Outcome.RAISED


def test_a_case_has_gone_from_a_working_group_through_a_beredning_and_lsg_to_samrad(case_demo):
    for case in Case.objects.filter(recommendations__group__slug="samrad"):
        path = [t.group.slug for t in case.treatments.filter(outcome=Outcome.SENT_ON)]
        if path[:1] == ["arbetsgrupp-psykisk-halsa-barn-och-unga"]:
            assert path[1:] == ["beredning-barn-och-unga", "lsg"]
            assert 4 <= case.treatments.count() <= 6
            return
    pytest.fail("No case went from a working group all the way to Samråd.")


def test_the_shared_process_reaches_lsg_from_its_home_beredning(case_demo):
    case = Case.objects.get(shared_with__slug="beredning-barn-och-unga")
    assert "utskrivning" in case.title
    assert case.origin_group.slug == "beredning-vuxna-och-aldre"
    assert case.treatments.filter(group__slug="beredning-barn-och-unga").exists()
    to_lsg = case.treatments.get(sent_to__slug="lsg")
    assert to_lsg.group.slug == "beredning-vuxna-och-aldre"


def test_a_case_comes_from_outside_the_structure(case_demo):
    case = Case.objects.exclude(origin_note="").get()
    assert "skolchefsnätverket" in case.origin_note


def test_recommendations_are_fully_decided_partly_decided_and_waiting_to_be_expedited(case_demo):
    expedited = recommendations().filter(expedited_at__isnull=False)
    all_sixteen = Principal.objects.count()
    fully = [r for r in expedited if r.decided == r.addressed == all_sixteen]
    partly = [r for r in expedited if 0 < r.decided < r.addressed]
    assert len(fully) >= 3
    assert len(partly) >= 3
    assert recommendations().filter(expedited_at__isnull=True).count() == 1
    assert {r.adopted_on.year for r in fully + partly} == {2025, 2026}


def test_most_recommendations_go_to_all_principals_and_one_to_a_subset(case_demo):
    counts = [r.addressed for r in recommendations()]
    assert counts.count(Principal.objects.count()) == len(counts) - 1


def test_decisions_are_mostly_approvals_with_some_partial_approvals_and_rejections(case_demo):
    outcomes = list(PrincipalDecision.objects.values_list("outcome", flat=True))
    assert outcomes.count(DecisionOutcome.APPROVED) > 0.8 * len(outcomes)
    assert DecisionOutcome.PARTLY_APPROVED in outcomes
    assert DecisionOutcome.REJECTED in outcomes


def test_registrars_register_their_own_principals_decisions(case_demo):
    for decision in PrincipalDecision.objects.select_related(
        "addressee__principal", "registered_by"
    ):
        principal = decision.addressee.principal
        if principal.slug in ("region-vasterbotten", "umea"):
            assert decision.registered_by.registrar_for == principal
            assert not decision.on_behalf
        else:
            assert decision.registered_by.username == "koordinator"
            assert decision.on_behalf


def test_hjalpmedelsradet_has_own_decisions_that_finish_their_cases(case_demo):
    own = Recommendation.objects.filter(own_decision=True)
    assert 2 <= own.count() <= 3
    for recommendation in own:
        assert recommendation.group.slug == "hjalpmedelsradet"
        assert not recommendation.addressees.exists()
        assert recommendation.case.status == CaseStatus.FINISHED


def test_the_patient_safety_council_treats_cases_in_both_years(case_demo):
    treated = Treatment.objects.filter(group__slug="samverkansrad-patientsakerhet").exclude(
        outcome__in=[Outcome.RAISED, Outcome.ROUTED]
    )
    for year in (2025, 2026):
        assert treated.filter(happened_on__year=year).values("case").distinct().count() >= 2
    assert Recommendation.objects.filter(group__slug="samverkansrad-patientsakerhet").exists()


def test_treatments_at_lsg_and_samrad_refer_to_their_meetings(case_demo):
    treated = Treatment.objects.filter(group__slug__in=TREATED_AT_MEETINGS).exclude(
        outcome__in=[Outcome.RAISED, Outcome.ROUTED]
    )
    assert treated.filter(happened_on__year=2025).exists()
    for treatment in treated.select_related("meeting", "agenda_item"):
        assert treatment.meeting is not None, treatment
        assert treatment.meeting.group_id == treatment.group_id
        assert treatment.meeting.local_date == treatment.happened_on
    for treatment in Treatment.objects.filter(agenda_item__isnull=False):
        assert treatment.agenda_item.meeting_id == treatment.meeting_id


def test_recommendations_are_adopted_at_meetings_of_the_adopting_group(case_demo):
    for recommendation in Recommendation.objects.select_related("meeting", "group"):
        assert recommendation.meeting.group == recommendation.group
        assert recommendation.meeting.local_date == recommendation.adopted_on
        assert recommendation.group.slug in {
            "samrad",
            "lsg",
            "samverkansrad-patientsakerhet",
            "hjalpmedelsradet",
        }


def test_2025_meetings_are_booked_for_lsg_and_samrad_with_the_cases_on_their_agendas(case_demo):
    booked = Meeting.objects.filter(starts_at__year=2025)
    assert set(booked.values_list("group__slug", flat=True)) == TREATED_AT_MEETINGS
    for meeting in booked:
        assert meeting.location
        assert Treatment.objects.filter(meeting=meeting, agenda_item__meeting=meeting).exists()


def test_2025_meetings_are_held_with_kallelse_attendance_and_approved_minutes(case_demo):
    held = Meeting.objects.filter(starts_at__year=2025)
    assert held.count() == len(MEETINGS_2025)
    late = 0
    for meeting in held:
        assert meeting.kallelse_sent_at < meeting.starts_at, meeting
        late += timezone.localdate(meeting.papers_sent_at) > meeting.paper_deadline
        statuses = set(meeting.attendance.values_list("status", flat=True))
        assert {AttendanceStatus.PRESENT, AttendanceStatus.ABSENT} <= statuses, meeting
        minutes = meeting.minutes.get()
        assert minutes.status == MinutesStatus.APPROVED
        assert (
            meeting.starts_at
            < minutes.approved_at
            <= timezone.make_aware(datetime.datetime.combine(DEMO_TODAY, datetime.time()))
        )
        # R-S6: approved by exactly the persons the group's rule names, one role each.
        required = {(role, person.pk) for role, person in required_approvers(minutes)}
        assert set(minutes.approvals.values_list("role", "person_id")) == required
        assert len(required) == 2  # LSG and Samråd: the chair and the justeringsperson
        # Every case the meeting treated is in the minutes with notes and att-satser.
        treated = Treatment.objects.filter(meeting=meeting).select_related("agenda_item")
        items = {item.title: item for item in minutes.items.all()}
        for treatment in treated:
            item = items[treatment.agenda_item.title]
            assert item.notes and item.decisions, item.title
    assert late == len(PAPERS_DAYS_LATE_2025)


def test_the_2025_minutes_carry_the_recommendation_adopted_at_the_meeting(case_demo):
    adopted = Recommendation.objects.get(group__slug="lsg", adopted_on=datetime.date(2025, 4, 24))
    item = adopted.meeting.minutes.get().items.get(title=adopted.agenda_item.title)
    for att_sats in adopted.att_satser:
        assert f"rekommendera huvudmännen att {att_sats}" in item.decisions.splitlines()
    tabled = Treatment.objects.get(outcome=Outcome.TABLED, happened_on=datetime.date(2025, 12, 11))
    item = tabled.meeting.minutes.get().items.get(title=tabled.agenda_item.title)
    assert item.decisions == "bordlägga ärendet"
    assert item.notes == tabled.note


def test_upcoming_meetings_have_cases_on_their_agendas(case_demo):
    upcoming = Meeting.objects.filter(starts_at__date__gt=DEMO_TODAY, starts_at__year=2026)
    items = [i.title for m in upcoming for i in m.items.filter(title__startswith="SVO ")]
    assert len(items) >= 3


def test_dates_are_realistic(case_demo):
    now = timezone.now()
    for treatment in Treatment.objects.select_related("case"):
        assert timezone.localdate(treatment.case.created_at) <= treatment.happened_on
        assert treatment.happened_on <= DEMO_TODAY
        assert timezone.localdate(treatment.recorded_at) == treatment.happened_on
    for recommendation in Recommendation.objects.filter(expedited_at__isnull=False):
        delay = timezone.localdate(recommendation.expedited_at) - recommendation.adopted_on
        assert datetime.timedelta(days=1) <= delay <= datetime.timedelta(days=10)
    for decision in PrincipalDecision.objects.select_related("addressee__recommendation"):
        recommendation = decision.addressee.recommendation
        assert recommendation.adopted_on <= decision.decided_on <= DEMO_TODAY
        assert decision.decided_on < timezone.localdate(decision.registered_at)
        assert recommendation.expedited_at < decision.registered_at <= now
    for case in Case.objects.filter(status=CaseStatus.FINISHED):
        assert case.finished_at.year in (2025, 2026)
        assert timezone.localdate(case.finished_at) < DEMO_TODAY


def test_a_case_is_finished_exactly_when_every_addressed_principal_has_decided(case_demo):
    waiting = Q(recommendations__addressees__decision__isnull=True)
    for case in Case.objects.filter(recommendations__isnull=False).distinct():
        own = case.recommendations.filter(own_decision=True).exists()
        pending = Case.objects.filter(waiting, pk=case.pk, recommendations__own_decision=False)
        assert (case.status == CaseStatus.FINISHED) == (own or not pending.exists()), case


def test_members_follow_a_few_cases(case_demo):
    for username in ("ledamot", "ordforande"):
        assert 2 <= Follow.objects.filter(user__username=username).count() <= 5


def test_a_second_call_creates_nothing(case_demo):
    counts = (Case.objects.count(), Treatment.objects.count(), Meeting.objects.count())
    assert load_case_demo() == 0
    assert (Case.objects.count(), Treatment.objects.count(), Meeting.objects.count()) == counts
