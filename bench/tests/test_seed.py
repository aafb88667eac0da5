"""The seeder at a tiny scale: consistent data that passes the models' validation and
constraints and the services' rules, and pages that answer with it. Runs on both databases:
COPY on PostgreSQL, batched INSERTs on SQLite (`bench.writer`)."""

import itertools

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min, Q

from bench.pages import demo_pages, national_only_pages
from bench.seed import BULK_MODELS, NATIONAL, seed, volumes
from bench.writer import missing_foreign_keys, next_id, write_rows
from cases.models import (
    Addressee,
    Case,
    CaseStatus,
    DecisionOutcome,
    PrincipalDecision,
    Recommendation,
    RegisterCounter,
)
from meetings.models import Approval, Meeting, Minutes, MinutesStatus
from structure.models import Group, Membership, Principal
from testing.reference import module_data

SCALE = 0.0005


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with module_data(
        django_db_blocker,
        MEDIA_ROOT=media,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        call_command("load_demo", stdout=None)
        demo_pks = {
            "case": Case.objects.aggregate(top=Max("pk"))["top"],
            "meeting": Meeting.objects.aggregate(top=Max("pk"))["top"],
        }
        report = seed(SCALE)
        yield report, demo_pks


@pytest.fixture
def seeded_db(seeded, db):
    return seeded


def _sample(queryset, n=40):
    return list(itertools.islice(queryset.order_by("pk"), n))


def test_the_volume_scales_every_count_and_keeps_at_least_one_of_each():
    tiny = volumes(SCALE)
    assert volumes(1.0) == NATIONAL
    assert tiny["meetings"] == 25 and tiny["recommendations"] == 50
    assert all(count >= 1 for count in tiny.values())


def test_seeding_reports_the_rows_it_wrote(seeded_db):
    report, _ = seeded_db
    assert report.rows["meetings"] == volumes(SCALE)["meetings"]
    assert report.rows["recommendations"] == volumes(SCALE)["recommendations"]
    assert (
        report.rows["addressees"]
        == Addressee.objects.filter(recommendation__case__pk__gt=seeded_db[1]["case"]).count()
    )
    assert report.total_rows == sum(report.rows.values())


def test_seeded_rows_pass_the_models_validation_and_constraints(seeded_db):
    _, demo = seeded_db
    for queryset in (
        Principal.objects.exclude(code__startswith="24"),
        Group.objects.filter(slug__startswith="testgrupp-"),
        Membership.objects.filter(group__slug__startswith="testgrupp-"),
        Meeting.objects.filter(pk__gt=demo["meeting"]),
        Minutes.objects.filter(meeting__pk__gt=demo["meeting"]),
        Case.objects.filter(pk__gt=demo["case"]),
        Recommendation.objects.filter(case__pk__gt=demo["case"]),
        Addressee.objects.filter(recommendation__case__pk__gt=demo["case"]),
        PrincipalDecision.objects.filter(addressee__recommendation__case__pk__gt=demo["case"]),
    ):
        rows = _sample(queryset)
        assert rows, queryset.model
        for row in rows:
            row.full_clean()


def test_register_numbers_stay_gap_free_per_year_and_the_counters_move_on(seeded_db):
    for row in Case.objects.values("year").annotate(
        n=Count("pk"), low=Min("serial"), top=Max("serial")
    ):
        assert (row["low"], row["top"]) == (1, row["n"]), row
        assert RegisterCounter.objects.get(year=row["year"]).last == row["top"]


def test_only_expedited_recommendations_have_decisions_and_own_decisions_have_no_addressees(
    seeded_db,
):
    assert not PrincipalDecision.objects.filter(
        addressee__recommendation__expedited_at__isnull=True
    ).exists()
    own = Recommendation.objects.filter(own_decision=True)
    assert own.exists()
    assert not Addressee.objects.filter(recommendation__own_decision=True).exists()
    assert not own.filter(expedited_at__isnull=False).exists()
    assert not own.exclude(case__status=CaseStatus.FINISHED).exists()
    assert not Recommendation.objects.filter(own_decision=False, addressees__isnull=True).exists()


def test_decisions_follow_the_registration_rules(seeded_db):
    _, demo = seeded_db
    decisions = PrincipalDecision.objects.filter(
        addressee__recommendation__case__pk__gt=demo["case"]
    ).select_related("addressee__recommendation", "body")
    assert decisions.exists()
    for decision in decisions:
        assert decision.body.principal_id == decision.addressee.principal_id
        assert decision.decided_on >= decision.addressee.recommendation.adopted_on
        assert decision.registered_at >= decision.addressee.recommendation.expedited_at
        if decision.outcome == DecisionOutcome.PARTLY_APPROVED:
            assert decision.comment


def test_a_case_is_finished_exactly_when_every_addressee_decided_or_its_group_decided_itself(
    seeded_db,
):
    _, demo = seeded_db
    cases = Case.objects.filter(pk__gt=demo["case"]).annotate(
        waiting=Count(
            "recommendations__addressees",
            filter=Q(recommendations__addressees__decision__isnull=True),
        ),
        own=Count("recommendations", filter=Q(recommendations__own_decision=True)),
        recs=Count("recommendations"),
    )
    for case in cases:
        finished = (
            case.recs > 0
            and case.waiting == 0
            and (case.own or case.recommendations.filter(expedited_at__isnull=False).exists())
        )
        assert (case.status == CaseStatus.FINISHED) == finished, case
        assert (case.finished_at is not None) == finished
        if case.status == CaseStatus.LOCAL:
            assert case.current_group_id is None and case.local_principal.side == "municipality"


def test_approved_minutes_have_one_approval_per_role_of_the_groups_rule(seeded_db):
    _, demo = seeded_db
    minutes = Minutes.objects.filter(meeting__pk__gt=demo["meeting"], status=MinutesStatus.APPROVED)
    assert minutes.exists()
    for row in minutes.select_related("meeting__group"):
        roles = set(Approval.objects.filter(minutes=row).values_list("role", flat=True))
        expected = {"chair": 1, "chair_and_checker": 2, "chair_and_vice": 2}[
            row.meeting.group.minutes_approval
        ]
        assert len(roles) == expected
        assert row.meeting.ends_at < row.approved_at


def test_seeding_twice_is_refused(seeded_db):
    with pytest.raises(RuntimeError):
        seed(SCALE)


def test_every_measured_page_answers_200_with_the_seeded_data(seeded_db, client, settings):
    from accounts.models import User

    settings.ROOT_URLCONF = "bench.urls"
    pages, _ = demo_pages()
    for page in pages + national_only_pages():
        if page.role:
            client.force_login(User.objects.get(username=page.role))
        else:
            client.logout()
        response = client.get(page.path)
        assert response.status_code == 200, page


def test_every_seeded_foreign_key_points_at_a_row(seeded_db):
    assert missing_foreign_keys(BULK_MODELS) == {}


def test_a_row_pointing_at_nothing_is_found_by_the_bulk_check(seeded_db):
    orphan, pk = next_id(Recommendation) + 1000, next_id(Addressee)
    # A principal that exists (ids are not 1.. on PostgreSQL once the structure was reloaded).
    principal = Principal.objects.values_list("pk", flat=True).first()
    write_rows(Addressee, ["id", "recommendation", "principal"], [(pk, orphan, principal)])
    found = missing_foreign_keys([Addressee])
    Addressee.objects.filter(pk=pk).delete()  # SQLite checks the constraints after each test
    assert found == {"cases_addressee.recommendation_id": 1}


def test_seeded_rows_are_in_the_search_index_as_the_signals_would_have_written_them(seeded_db):
    from meetings.models import MinutesItem
    from news.models import NewsItem
    from search.models import Document, Kind
    from searchpage import sources

    _, demo = seeded_db
    cases = _sample(Case.objects.filter(pk__gt=demo["case"]), 5)
    minutes = _sample(
        Minutes.objects.select_related("meeting__group").filter(meeting__pk__gt=demo["meeting"]), 5
    )
    recommendations = _sample(
        Recommendation.objects.select_related("group").filter(case__pk__gt=demo["case"]), 5
    )
    expected = [sources.case_document(c) for c in cases]
    expected += [
        sources.minutes_document(
            m,
            MinutesItem.objects.filter(minutes=m)
            .order_by("position")
            .values_list("title", "notes", "decisions"),
        )
        for m in minutes
    ]
    expected += [sources.recommendation_document(r) for r in recommendations]
    expected += [sources.news_document(n) for n in _sample(NewsItem.objects.all(), 3)]
    assert cases and minutes and recommendations
    for want in expected:
        got = Document.objects.get(kind=want.kind, object_id=want.object_id)
        assert (got.title, got.body, got.dated) == (want.title, want.body, want.dated)
    total = (
        Case.objects.count()
        + Minutes.objects.count()
        + Recommendation.objects.count()
        + NewsItem.objects.count()
    )
    assert Document.objects.count() == total
    assert Document.objects.filter(kind=Kind.CASE).count() == Case.objects.count()


def test_every_addressee_is_flagged_decided_exactly_when_it_has_a_decision(seeded_db):
    """The demo registers through the services, the seeder writes the flag itself."""
    assert Addressee.objects.filter(decided=True).exists()
    assert not Addressee.objects.filter(decided=True, decision__isnull=True).exists()
    assert not Addressee.objects.filter(decided=False, decision__isnull=False).exists()
