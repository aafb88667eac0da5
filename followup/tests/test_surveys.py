"""Surveys E1–E5: one-time links, structural anonymity, reminders, the privacy threshold."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import models

from followup import selectors, services
from followup.models import SurveyInvitation, SurveyRound, SurveyTally
from lib.testing.builders import survey_answers
from structure.models import Group

TODAY = datetime.date(2026, 11, 2)
ALL_FOURS = {"E1": 4, "E2": 4, "E3": 4, "E4": 4, "E5": 4}


@pytest.fixture
def open_round(coordinator, seat, django_capture_on_commit_callbacks):
    """A round for LSG with three invited members; returns (round, {email: token})."""
    seat("lsg", 3)

    def open_round(**extra):
        with django_capture_on_commit_callbacks(execute=True):
            survey = services.open_survey_round(
                by=coordinator,
                title="Enkät 2026",
                year=2026,
                closes_on=datetime.date(2026, 12, 11),
                groups=Group.objects.filter(slug="lsg"),
                today=TODAY,
                **extra,
            )
        return survey, links()

    return open_round


def links():
    """The personal token of each mailed address (the newest mail wins)."""
    tokens = {}
    for message in mail.outbox:
        match = re.search(r"/enkat/([\w-]+)/", message.body)
        tokens[message.to[0]] = match.group(1)
    return tokens


def counted(survey) -> dict[tuple[str, int], int]:
    """The round's non-zero counts, by (goal, value)."""
    return {(t.goal, t.value): t.count for t in survey.tallies.filter(count__gt=0)}


def test_opening_a_round_mails_every_member_a_personal_link(open_round):
    survey, tokens = open_round()
    assert survey.invitations.count() == 3
    assert len(tokens) == 3 and len(set(tokens.values())) == 3


def test_the_token_is_stored_only_as_a_hash(open_round):
    survey, tokens = open_round()
    stored = set(survey.invitations.values_list("token_hash", flat=True))
    assert not stored & set(tokens.values())
    assert stored == {services.hash_token(t) for t in tokens.values()}


def test_only_coordinators_open_rounds(plain_user, structure):
    with pytest.raises(PermissionDenied):
        services.open_survey_round(
            by=plain_user,
            title="x",
            year=2026,
            closes_on=datetime.date(2026, 12, 1),
            groups=Group.objects.all(),
            today=TODAY,
        )


def test_an_answer_is_stored_and_the_invitation_only_marked_answered(open_round):
    survey, tokens = open_round()
    token = next(iter(tokens.values()))
    services.answer_survey(token=token, values=ALL_FOURS, today=TODAY)
    assert counted(survey) == {(code, 4): 1 for code in ALL_FOURS}
    assert survey.invitations.filter(answered=True).count() == 1


def test_opening_a_round_counts_zero_for_every_goal_and_value_so_an_answer_inserts_nothing(
    open_round,
):
    """The rows exist before anyone answers: an answer only updates them, so no new row (with
    a new id or rowid) appears, and no row's presence tells a first answer of a value."""
    survey, tokens = open_round(scale_max=4, satisfied_from=3)
    before = set(survey.tallies.values_list("pk", "goal", "value"))
    assert {(g, v) for _, g, v in before} == {(g, v) for g in ALL_FOURS for v in range(1, 5)}
    assert not counted(survey)
    first, second = list(tokens.values())[:2]
    services.answer_survey(token=first, values=dict.fromkeys(ALL_FOURS, 1), today=TODAY)
    services.answer_survey(token=second, values=ALL_FOURS, today=TODAY)
    assert set(survey.tallies.values_list("pk", "goal", "value")) == before
    assert counted(survey) == {
        **{(code, 1): 1 for code in ALL_FOURS},
        **{(code, 4): 1 for code in ALL_FOURS},
    }


def test_a_link_works_only_once(open_round):
    _, tokens = open_round()
    token = next(iter(tokens.values()))
    services.answer_survey(token=token, values=ALL_FOURS, today=TODAY)
    with pytest.raises(services.SurveyLinkInvalid):
        services.answer_survey(token=token, values=ALL_FOURS, today=TODAY)
    assert sum(counted(SurveyRound.objects.get()).values()) == 5


def test_a_link_of_a_closed_round_does_not_work(open_round):
    _, tokens = open_round()
    with pytest.raises(services.SurveyLinkInvalid):
        services.answer_survey(
            token=next(iter(tokens.values())),
            values=ALL_FOURS,
            today=datetime.date(2026, 12, 12),
        )


def test_a_value_outside_the_scale_is_refused_and_nothing_stored(open_round):
    _, tokens = open_round()
    with pytest.raises(services.ValidationError):
        services.answer_survey(
            token=next(iter(tokens.values())), values={**ALL_FOURS, "E3": 9}, today=TODAY
        )
    assert not SurveyTally.objects.filter(count__gt=0).exists()
    assert not SurveyInvitation.objects.filter(answered=True).exists()


def test_answers_have_no_key_and_no_time_that_could_point_to_a_person():
    """Structural anonymity: answers are counts per round, goal and value — nothing else; the
    invitation has no timestamp and no history that would date when it was used."""
    tally_fields = {f.name for f in SurveyTally._meta.get_fields()}
    assert tally_fields == {"id", "round", "goal", "value", "count"}
    relations = [f for f in SurveyTally._meta.get_fields() if f.is_relation]
    assert [f.related_model for f in relations] == [SurveyRound]
    for model in (SurveyTally, SurveyInvitation):
        assert not [
            f
            for f in model._meta.get_fields()
            if isinstance(f, models.DateField | models.DateTimeField | models.TimeField)
        ]
    assert not hasattr(SurveyInvitation, "history")
    assert not hasattr(SurveyTally, "history")


def test_answers_cannot_be_joined_to_whoever_answered(open_round):
    """Two people answer differently; nothing in the database tells whose answer is whose."""
    survey, tokens = open_round()
    first, second = list(tokens.values())[:2]
    services.answer_survey(token=first, values=ALL_FOURS, today=TODAY)
    services.answer_survey(token=second, values=dict.fromkeys(ALL_FOURS, 2), today=TODAY)
    rows = list(SurveyTally.objects.filter(round=survey).values())
    assert {tuple(sorted(r)) for r in rows} == {("count", "goal", "id", "round_id", "value")}
    assert counted(survey) == {
        **{(code, 4): 1 for code in ALL_FOURS},
        **{(code, 2): 1 for code in ALL_FOURS},
    }
    invitation_columns = {f.column for f in SurveyInvitation._meta.concrete_fields}
    assert invitation_columns == {
        "id",
        "round_id",
        "person_id",
        "token_hash",
        "answered",
        "reminded",
    }


def test_results_are_hidden_below_five_answers(open_round, seat):
    survey, tokens = open_round()
    for token in tokens.values():
        services.answer_survey(token=token, values=ALL_FOURS, today=TODAY)
    (result,) = selectors.round_results(75)
    assert result.answered == 3
    assert all(goal.satisfied is None for goal in result.goals)


def test_results_show_share_satisfied_from_five_answers(coordinator, seat, structure):
    survey = SurveyRound.objects.create(
        title="Enkät",
        year=2026,
        closes_on=TODAY,
        opened_at=datetime.datetime(2026, 11, 1, 9, tzinfo=datetime.UTC),
    )
    survey_answers(survey, "E1", (5, 4, 4, 2, 1))
    (result,) = selectors.round_results(75)
    assert result.goals[0].answers == 5
    assert result.goals[0].satisfied == 60
    assert result.goals[0].meets_target is False


def test_non_respondents_get_one_reminder_with_a_new_link(
    open_round, django_capture_on_commit_callbacks
):
    survey, tokens = open_round()
    answered_token = next(iter(tokens.values()))
    services.answer_survey(token=answered_token, values=ALL_FOURS, today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_survey_reminders(today=TODAY) == 2
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Påminnelse") for m in mail.outbox)
    new_tokens = links()
    old_tokens = {email: tokens[email] for email in new_tokens}
    for email, token in new_tokens.items():
        with pytest.raises(services.SurveyLinkInvalid):
            services.invitation_for_token(old_tokens[email], TODAY)
        assert services.invitation_for_token(token, TODAY).round == survey


def test_running_the_reminders_again_sends_nothing(open_round, django_capture_on_commit_callbacks):
    open_round()
    services.send_survey_reminders(today=TODAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_survey_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_the_reminder_command_reports_what_it_sent(open_round, capsys):
    from django.core.management import call_command

    open_round()
    call_command("send_survey_reminders", "--datum", "2026-11-20")
    assert "3" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_writing_transaction_does_not_pair_answers_with_a_person(open_round):
    """PostgreSQL stamps each row with the transaction that wrote it (xmin). After an answer,
    every invitation and every count of the round carry the same stamp, so the stamp points
    neither to the invitation used nor to the values chosen. (Rewriting only the raised counts
    would leave the earlier answer's values with an older stamp: this test would see two.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("xmin exists only on PostgreSQL")
    survey, tokens = open_round()
    first, second = list(tokens.values())[:2]
    services.answer_survey(token=first, values=ALL_FOURS, today=TODAY)
    services.answer_survey(token=second, values=dict.fromkeys(ALL_FOURS, 2), today=TODAY)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(DISTINCT xmin::text) FROM ("
            " SELECT xmin FROM followup_surveyinvitation WHERE round_id = %s"
            " UNION ALL SELECT xmin FROM followup_surveytally WHERE round_id = %s) AS stamps",
            [survey.pk, survey.pk],
        )
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_two_answers_at_the_same_moment_are_both_counted(open_round):
    """Each answer locks its invitation and then rewrites all of the round's invitations. Two
    answers that had both locked their own invitation would wait for each other there (a
    deadlock, one answer lost with a server error), unless the round is locked first. The
    wrapper holds each answer, right after it locked its invitation, until the other has done
    the same or five seconds have passed."""
    import contextlib
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time")
    survey, tokens = open_round()
    both_locked = threading.Barrier(2, timeout=5)

    def hold_after_locking_the_invitation(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if "FOR UPDATE" in sql and '"followup_surveyinvitation"' in sql:
            with contextlib.suppress(threading.BrokenBarrierError):
                both_locked.wait()
        return result

    errors = []

    def answer(token):
        try:
            with connection.execute_wrapper(hold_after_locking_the_invitation):
                services.answer_survey(token=token, values=ALL_FOURS, today=TODAY)
        except Exception as error:  # the test reports it below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(t,)) for t in list(tokens.values())[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert counted(survey) == {(code, 4): 2 for code in ALL_FOURS}
