"""Case services: register numbers, routing, the path, adoption, expedition, decisions."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction

from accounts.models import User
from cases import services
from cases.models import Case, CaseStatus, Follow, Outcome, PrincipalDecision, Reminder
from structure.models import Group, Principal
from testing import builders
from testing.attack_world import pdf_upload
from testing.builders import member_user, seat

D = datetime.date


def test_register_numbers_are_sequential_per_year_and_formatted(raise_in):
    first = raise_in(raised_on=D(2025, 12, 30))
    second = raise_in(raised_on=D(2026, 1, 2))
    third = raise_in(raised_on=D(2026, 1, 3))
    assert (first.year, first.serial) == (2025, 1)
    assert [second.serial, third.serial] == [1, 2]
    assert third.register_number == "SVO 2026/0002"


def test_a_failed_creation_leaves_no_gap(raise_in):
    raise_in()
    with pytest.raises(RuntimeError), transaction.atomic():
        raise_in()
        raise RuntimeError("rolled back")
    assert raise_in().serial == 2


def test_raising_needs_description_and_proposal_in_swedish(coordinator):
    group = Group.objects.get(slug="lsg")
    person = seat(builders.person(), "lsg").person
    with pytest.raises(ValidationError) as error:
        services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=person,
            title="X",
            description=" ",
            proposal="",
        )
    assert "kort ärendebeskrivning" in str(error.value)
    assert Case.objects.count() == 0


def test_a_member_raises_in_own_group_only(member):
    with pytest.raises(PermissionDenied):
        services.raise_case(
            group=Group.objects.get(slug="samrad"),
            by=member,
            title="X",
            description="d",
            proposal="p",
        )
    case = services.raise_case(
        group=Group.objects.get(slug="lsg"), by=member, title="X", description="d", proposal="p"
    )
    assert case.submitted_by == member.person
    assert case.principals.count() == 16


def test_case_from_outside_comes_through_a_named_member(coordinator):
    group = Group.objects.get(slug="beredning-barn-och-unga")
    outsider = seat(builders.person(), "samrad").person
    with pytest.raises(ValidationError, match="är inte ledamot"):
        services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=outsider,
            title="X",
            description="d",
            proposal="p",
            origin_note="Skolchefsnätverket",
        )


def test_the_path_keeps_identity_and_records_every_treatment(raise_in, coordinator, meeting_of):
    builders.working_group("ag-utskrivning", reports_to="beredning-vuxna-och-aldre")
    case = raise_in(slug="ag-utskrivning")
    number = case.register_number
    vuxna = Group.objects.get(slug="beredning-vuxna-och-aldre")
    lsg = Group.objects.get(slug="lsg")
    services.record_treatment(
        case=case,
        group=case.current_group,
        by=coordinator,
        outcome=Outcome.SENT_ON,
        sent_to=vuxna,
        happened_on=D(2026, 2, 20),
    )
    meeting = meeting_of("beredning-vuxna-och-aldre")
    services.record_treatment(
        case=case, group=vuxna, by=coordinator, outcome=Outcome.PREPARED, meeting=meeting
    )
    services.record_treatment(
        case=case,
        group=vuxna,
        by=coordinator,
        outcome=Outcome.SENT_ON,
        sent_to=lsg,
        happened_on=D(2026, 3, 20),
    )
    case.refresh_from_db()
    assert case.register_number == number and case.current_group == lsg
    assert case.origin_group.slug == "ag-utskrivning"
    assert list(case.treatments.values_list("outcome", flat=True)) == [
        "raised",
        "sent_on",
        "prepared",
        "sent_on",
    ]
    assert case.treatments.get(outcome="prepared").meeting == meeting


def test_a_shared_process_reaches_lsg_only_through_vuxna_och_aldre(raise_in, coordinator):
    case = raise_in(slug="beredning-vuxna-och-aldre", title="Samverkan vid utskrivning")
    barn = Group.objects.get(slug="beredning-barn-och-unga")
    vuxna = Group.objects.get(slug="beredning-vuxna-och-aldre")
    lsg = Group.objects.get(slug="lsg")
    services.route_case(case=case, by=coordinator, group=vuxna, shared_with=[barn])
    services.record_treatment(case=case, group=barn, by=coordinator, outcome=Outcome.PREPARED)
    with pytest.raises(ValidationError, match="rapporteras vidare därifrån"):
        services.record_treatment(
            case=case, group=barn, by=coordinator, outcome=Outcome.SENT_ON, sent_to=lsg
        )
    services.record_treatment(
        case=case, group=vuxna, by=coordinator, outcome=Outcome.SENT_ON, sent_to=lsg
    )
    assert Case.objects.get(pk=case.pk).current_group == lsg


def test_routing_to_local_level(raise_in, coordinator):
    case = raise_in()
    services.route_case(
        case=case, by=coordinator, local_principal=Principal.objects.get(slug="vindeln")
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.LOCAL and case.current_group is None
    with pytest.raises(ValidationError, match="antingen en grupp eller en kommun"):
        services.route_case(case=case, by=coordinator)


def test_only_coordinators_route(raise_in, member):
    with pytest.raises(PermissionDenied):
        services.route_case(case=raise_in(), by=member, group=Group.objects.get(slug="lsg"))


def test_only_recommending_groups_adopt_and_hjalpmedelsradet_decides_itself(
    raise_in, coordinator, meeting_of
):
    case = raise_in(slug="beredning-barn-och-unga")
    with pytest.raises(ValidationError, match="ger inte rekommendationer"):
        services.adopt_recommendation(
            case=case,
            meeting=meeting_of("beredning-barn-och-unga"),
            by=coordinator,
            title="X",
            decisions="att y",
        )
    hmr_case = raise_in(slug="hjalpmedelsradet", title="Byte av rollatormodell")
    own = services.adopt_recommendation(
        case=hmr_case,
        meeting=meeting_of("hjalpmedelsradet"),
        by=coordinator,
        title="Byte av rollator",
        decisions="att byta modell",
    )
    assert own.own_decision and own.addressees.count() == 0
    hmr_case.refresh_from_db()
    assert hmr_case.status == CaseStatus.FINISHED
    with pytest.raises(ValidationError, match="expedieras inte"):
        services.expedite(recommendation=own, by=coordinator)


def test_expedition_mails_each_registrar_once(
    registrars, raise_in, coordinator, meeting_of, django_capture_on_commit_callbacks
):
    for name in ("registrator-region", "registrator-umea"):
        User.objects.filter(username=name).update(email=f"{name}@example.invalid")
    recommendation = services.adopt_recommendation(
        case=raise_in(),
        meeting=meeting_of("lsg"),
        by=coordinator,
        title="Rutin",
        decisions="att anta rutinen",
    )
    assert recommendation.addressees.count() == 16
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.expedite(recommendation=recommendation, by=coordinator)
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "registrator-region@example.invalid",
        "registrator-umea@example.invalid",
    ]
    assert "att anta rutinen" in mail.outbox[0].body
    with pytest.raises(ValidationError, match="expedierades redan"):
        services.expedite(recommendation=recommendation, by=coordinator)


def register(addressee, user, **extra):
    values = {
        "outcome": "approved",
        "body": addressee.principal.decision_bodies.first(),
        "decided_on": D(2026, 5, 4),
        "reference": "§ 12",
    }
    values.update(extra)
    return services.register_decision(addressee=addressee, by=user, **values)


def test_a_registrar_registers_for_its_own_principal_only(registrars, expedited):
    registrar = User.objects.get(username="registrator-umea")
    umea = expedited.addressees.get(principal__slug="umea")
    region = expedited.addressees.get(principal__code="24")
    with pytest.raises(PermissionDenied):
        register(region, registrar)
    decision = register(umea, registrar)
    assert not decision.on_behalf
    with pytest.raises(ValidationError, match="redan ett registrerat beslut"):
        register(umea, registrar, outcome="rejected")
    assert PrincipalDecision.objects.get().outcome == "approved"


def test_decision_body_and_date_are_checked_in_swedish(registrars, expedited):
    registrar = User.objects.get(username="registrator-umea")
    umea = expedited.addressees.get(principal__slug="umea")
    other_body = Principal.objects.get(code="24").decision_bodies.first()
    with pytest.raises(ValidationError) as error:
        register(umea, registrar, body=other_body, decided_on=D(2099, 1, 1), reference=" ")
    text = str(error.value)
    assert "hör inte till Umeå" in text and "framtiden" in text and "paragraf" in text


def test_coordinator_registers_on_behalf_and_case_finishes_when_all_decided(expedited, coordinator):
    addressees = list(expedited.addressees.all())
    for addressee in addressees:
        decision = register(addressee, coordinator)
        assert decision.on_behalf
    case = Case.objects.get(pk=expedited.case_id)
    assert case.status == CaseStatus.FINISHED


def test_followers_are_told_when_the_case_moves_and_is_decided(
    raise_in, coordinator, member, meeting_of, django_capture_on_commit_callbacks
):
    member.email = "ledamot@example.invalid"
    member.save()
    case = raise_in()
    services.follow(case=case, by=member)
    services.follow(case=case, by=member)
    assert Follow.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.record_treatment(
            case=case,
            group=case.current_group,
            by=coordinator,
            outcome=Outcome.SENT_ON,
            sent_to=Group.objects.get(slug="samrad"),
        )
        meeting = meeting_of("samrad", D(2027, 3, 1))
        services.put_on_agenda(case=case, meeting=meeting, by=coordinator)
    subjects = [m.subject for m in mail.outbox if m.to == ["ledamot@example.invalid"]]
    assert any("skickat till Samråd" in s for s in subjects)
    assert any("på dagordningen" in s for s in subjects)
    assert meeting.items.filter(title__startswith=case.register_number).exists()


def test_reminders_are_sent_once_a_day_and_weekly_at_most(registrars, expedited, coordinator):
    User.objects.filter(username="registrator-umea").update(email="umea@example.invalid")
    expedited_on = expedited.__class__.objects.get(pk=expedited.pk).expedited_at.date()
    early = services.send_reminders(today=expedited_on + datetime.timedelta(days=10), days=60)
    assert early == 0
    day = expedited_on + datetime.timedelta(days=61)
    assert services.send_reminders(today=day, days=60) == 2  # region + Umeå registrars
    assert services.send_reminders(today=day, days=60) == 0
    assert services.send_reminders(today=day + datetime.timedelta(days=3), days=60) == 0
    assert services.send_reminders(today=day + datetime.timedelta(days=7), days=60) == 2
    assert Reminder.objects.filter(sent_on=day).count() == 16


def test_history_is_kept_for_cases_and_decisions(expedited, coordinator):
    register(expedited.addressees.first(), coordinator)
    assert PrincipalDecision.history.count() == 1
    assert Case.history.filter(id=expedited.case_id).count() >= 2


# --- concurrency, against PostgreSQL -------------------------------------------------------

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'")


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    errors, results = [], []

    def run(index):
        try:
            barrier.wait()
            results.append(work(index))
        except Exception as exc:  # noqa: BLE001 – asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_register_numbers_stay_gap_free_and_unique_under_concurrency(coordinator):
    group = Group.objects.get(slug="lsg")
    person = member_user("alice", "lsg").person

    def create(index):
        return services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=person,
            title=f"Samtidigt {index}",
            description="d",
            proposal="p",
            raised_on=D(2026, 6, 1),
        ).serial

    results, errors = run_at_once(8, create)
    assert errors == []
    assert sorted(results) == list(range(1, 9))


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_sixteen_registrars_registering_at_once_lose_nothing(expedited):
    addressees = list(expedited.addressees.select_related("principal"))
    registrars = []
    for addressee in addressees:
        registrars.append(
            User.objects.create_user(
                f"reg-{addressee.principal.slug}",
                password="x-test-pass-123",
                registrar_for=addressee.principal,
            )
        )

    def work(index):
        return register(addressees[index], registrars[index]).pk

    results, errors = run_at_once(16, work)
    assert errors == []
    assert PrincipalDecision.objects.count() == 16
    assert Case.objects.get(pk=expedited.case_id).status == CaseStatus.FINISHED


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_registrations_of_one_decision_create_one_and_name_it(expedited):
    """A diarium's retries arriving together: one decision; every other attempt is refused
    under the addressee's lock with the registered decision (the API's 409 names it)."""
    umea = expedited.addressees.select_related("principal").get(principal__slug="umea")
    registrar = builders.registrar_user("rita", principal="umea")

    results, errors = run_at_once(6, lambda index: register(umea, registrar).pk)
    assert len(results) == 1 and PrincipalDecision.objects.count() == 1
    assert len(errors) == 5
    assert all(isinstance(e, services.DecisionAlreadyRegistered) for e in errors)
    assert {e.decision.pk for e in errors} == set(results)


def test_a_protocol_extract_is_attached_by_the_principals_registrar_only(
    registrars, expedited, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    umea = expedited.addressees.get(principal__slug="umea")
    decision = register(umea, User.objects.get(username="registrator-umea"))
    with pytest.raises(PermissionDenied):
        services.attach_decision_document(
            decision=decision,
            by=User.objects.get(username="registrator-region"),
            upload=pdf_upload("utdrag.pdf"),
        )
    with pytest.raises(ValidationError, match="Filtypen .exe"):
        services.attach_decision_document(
            decision=decision,
            by=User.objects.get(username="registrator-umea"),
            upload=SimpleUploadedFile("utdrag.exe", b"MZ"),
        )
    decision.refresh_from_db()
    assert decision.document.name == ""
    services.attach_decision_document(
        decision=decision,
        by=User.objects.get(username="registrator-umea"),
        upload=pdf_upload("utdrag.pdf"),
    )
    decision.refresh_from_db()
    assert decision.document.read().startswith(b"%PDF-")


def test_a_treatment_cannot_predate_the_case(raise_in, coordinator):
    case = raise_in(raised_on=D(2026, 2, 2))
    with pytest.raises(ValidationError, match="före det datum ärendet väcktes"):
        services.record_treatment(
            case=case,
            group=case.current_group,
            by=coordinator,
            outcome=Outcome.PREPARED,
            happened_on=D(2026, 1, 15),
        )


def test_an_own_decision_finishes_the_case_on_the_meeting_day(raise_in, coordinator, meeting_of):
    case = raise_in(slug="hjalpmedelsradet", title="Redaktionell ändring i handboken")
    meeting = meeting_of("hjalpmedelsradet", D(2026, 3, 12))
    services.adopt_recommendation(
        case=case, meeting=meeting, by=coordinator, title="Ändring", decisions="att ändra texten"
    )
    case.refresh_from_db()
    assert case.finished_at.astimezone(meeting.starts_at.tzinfo).date() == D(2026, 3, 12)
