"""Meeting services: agenda, kallelse, absence, approval per group rule, locking, versions."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.models import User
from lib.uploads import MAX_DOCUMENT_BYTES
from meetings import services
from meetings.models import ItemKind, Minutes, MinutesStatus
from meetings.skeleton import SKELETON
from meetings.tests.conftest import weeks_ago
from structure.models import Group, Membership
from testing.builders import member_user

pytestmark = pytest.mark.django_db(transaction=False)


def titles(meeting):
    return [item.title for item in meeting.items.order_by("position")]


def test_a_new_meeting_starts_from_the_standard_skeleton(book):
    meeting = book()
    assert titles(meeting) == [title for title, _, _ in SKELETON]


def test_new_items_go_before_other_questions_and_can_be_reordered(book, coordinator):
    meeting = book()
    first = services.add_agenda_item(
        meeting=meeting, by=coordinator, kind=ItemKind.INFORMATION, title="Info om läkemedel"
    )
    services.add_agenda_item(
        meeting=meeting, by=coordinator, kind=ItemKind.DISCUSSION, title="Diskussion om utskrivning"
    )
    assert titles(meeting)[5:8] == [
        "Info om läkemedel",
        "Diskussion om utskrivning",
        "Övriga frågor",
    ]
    services.move_agenda_item(item=first, by=coordinator, direction=1)
    assert titles(meeting)[5:7] == ["Diskussion om utskrivning", "Info om läkemedel"]
    assert [i.position for i in meeting.items.order_by("position")] == list(range(1, 11))


def test_booking_needs_a_place_or_a_link_in_swedish(coordinator):
    start = datetime.datetime(2027, 3, 1, 9, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as error:
        services.book_meeting(
            group=Group.objects.get(slug="lsg"),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            form="video",
            by=coordinator,
        )
    assert "Ange en länk" in str(error.value)


def test_members_cannot_book_or_edit_agendas(book):
    member = member_user("alice", "lsg")
    meeting = book()
    with pytest.raises(PermissionDenied):
        services.add_agenda_item(meeting=meeting, by=member, kind="information", title="x")


def test_kallelse_is_refused_while_a_decision_item_lacks_description_or_proposal(
    book, coordinator, django_capture_on_commit_callbacks
):
    member_user("alice", "lsg")  # someone a kallelse would mail
    meeting = book()
    services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title="Gemensam rutin",
        description="Kort beskrivning",
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="saknar förslag till åtgärd"),
    ):
        services.send_kallelse(meeting=meeting, by=coordinator)
    assert len(mail.outbox) == 0


def test_kallelse_mails_every_member_and_substitute_once_with_ics(
    seated, book, coordinator, django_capture_on_commit_callbacks
):
    meeting = book()
    services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title="Gemensam rutin",
        description="Beskrivning",
        proposal="Att anta rutinen",
    )
    recipients = services.kallelse_recipients(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.send_kallelse(meeting=meeting, by=coordinator)
    seated_in_lsg = Membership.objects.filter(group__slug="lsg").count()
    assert result.sent == len(recipients) == seated_in_lsg == 9
    assert {m.to[0] for m in mail.outbox} == {p.email for p in recipients}
    message = mail.outbox[0]
    assert message.subject.startswith("Kallelse: ")
    assert "Gemensam rutin" in message.body and "/moten/" in message.body
    assert message.attachments[0][0] == "mote.ics"
    meeting.refresh_from_db()
    assert meeting.kallelse_sent_at and meeting.papers_sent_at

    with django_capture_on_commit_callbacks(execute=True):
        again = services.send_kallelse(meeting=meeting, by=coordinator)
    assert again.already_sent and len(mail.outbox) == len(recipients)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_kallelse(meeting=meeting, by=coordinator, force=True)
    assert len(mail.outbox) == 2 * len(recipients)


def test_papers_accept_office_files_and_refuse_others_in_swedish(book, coordinator):
    meeting = book()
    item = meeting.items.get(title="Rapporter")
    pdf = SimpleUploadedFile("Underlag.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    paper = services.attach_paper(item=item, by=coordinator, upload=pdf)
    assert paper.title == "Underlag" and paper.size == 13
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="Filtypen .exe tas inte emot"):
        services.attach_paper(item=item, by=coordinator, upload=exe)
    fake = SimpleUploadedFile("fake.pdf", b"hello", content_type="application/pdf")
    with pytest.raises(ValidationError, match="ingen PDF"):
        services.attach_paper(item=item, by=coordinator, upload=fake)
    big = SimpleUploadedFile("big.txt", b"x" * (MAX_DOCUMENT_BYTES + 1))
    with pytest.raises(ValidationError, match="största tillåtna storlek är 20 MB"):
        services.attach_paper(item=item, by=coordinator, upload=big)


def test_absence_calls_in_the_substitute_and_tells_the_coordinator(
    seated, book, coordinator, user_for, django_capture_on_commit_callbacks
):
    meeting = book()
    ordinary = Membership.objects.filter(
        group__slug="lsg", kind="ordinary", substitutes__isnull=False
    ).first()
    substitute = ordinary.substitutes.get()
    with django_capture_on_commit_callbacks(execute=True):
        absence = services.report_absence(
            meeting=meeting, membership=ordinary, by=user_for(ordinary.person), note="Semester"
        )
    assert absence.substitute == substitute
    to = {m.to[0]: m for m in mail.outbox}
    assert substitute.person.email in to and coordinator.email in to
    assert "ersättare" in to[substitute.person.email].body
    assert to[substitute.person.email].attachments  # the .ics
    assert "Semester" in to[coordinator.email].body
    with pytest.raises(ValidationError, match="redan anmäld"):
        services.report_absence(meeting=meeting, membership=ordinary, by=user_for(ordinary.person))


def test_nobody_reports_absence_for_someone_else(seated, book, user_for):
    meeting = book()
    one, other = Membership.objects.filter(group__slug="lsg", kind="ordinary")[:2]
    with pytest.raises(PermissionDenied):
        services.report_absence(meeting=meeting, membership=one, by=user_for(other.person))


def test_expected_attendance_puts_the_substitute_in_place(seated, book, user_for):
    meeting = book()
    ordinary = Membership.objects.filter(
        group__slug="lsg", kind="ordinary", substitutes__isnull=False
    ).first()
    services.report_absence(meeting=meeting, membership=ordinary, by=user_for(ordinary.person))
    rows = {
        person.pk: (status, replaces)
        for person, status, replaces in services.expected_attendance(meeting)
    }
    assert rows[ordinary.person_id] == ("absent", None)
    assert rows[ordinary.substitutes.get().person_id] == ("substitute", ordinary.person)


# --- minutes and approval -------------------------------------------------------------------


def minutes_ready(book, coordinator, slug, checker=True):
    meeting = book(slug=slug, day=weeks_ago())
    services.add_agenda_item(
        meeting=meeting,
        by=coordinator,
        kind=ItemKind.DECISION,
        title="Rutin",
        description="d",
        proposal="p",
    )
    minutes = services.draft_minutes(meeting=meeting, by=coordinator)
    decision = minutes.items.get(title="Rutin")
    person = None
    if checker:
        person = (
            Membership.objects.filter(group__slug=slug, kind="ordinary", position="").first().person
        )
    services.save_minutes(
        minutes=minutes,
        by=coordinator,
        summary="",
        justeringsperson=person,
        items=[
            {
                "id": decision.pk,
                "notes": "Diskuterades.",
                "decision_intro": "LSG beslutar",
                "decisions": "att anta rutinen\natt följa upp den 2027",
            }
        ],
    )
    return services.send_minutes_for_approval(minutes=minutes, by=coordinator)


def approvers(minutes, user_for):
    return [user_for(person) for _, person in services.required_approvers(minutes)]


def test_att_satser_are_stored_without_att(seated, book, coordinator):
    minutes = minutes_ready(book, coordinator, "lsg")
    assert minutes.items.get(title="Rutin").att_satser == ["anta rutinen", "följa upp den 2027"]


@pytest.mark.parametrize(
    "slug, roles",
    [
        ("lsg", ["chair", "checker"]),
        ("samverkansrad-patientsakerhet", ["chair"]),
        ("hjalpmedelsradet", ["chair", "vice_chair"]),
    ],
)
def test_each_group_rule_names_its_approvers_and_locks_when_all_approved(
    seated, book, coordinator, user_for, slug, roles
):
    minutes = minutes_ready(book, coordinator, slug, checker=slug == "lsg")
    assert [role for role, _ in services.required_approvers(minutes)] == roles
    users = approvers(minutes, user_for)
    for index, user in enumerate(users):
        minutes = services.approve_minutes(minutes=minutes, by=user)
        expected = MinutesStatus.APPROVED if index == len(users) - 1 else MinutesStatus.IN_APPROVAL
        assert minutes.status == expected
    assert sorted(minutes.approvals.values_list("role", flat=True)) == sorted(roles)
    with pytest.raises(ValidationError, match="kan inte ändras"):
        services.save_minutes(
            minutes=minutes, by=coordinator, summary="ändrat", justeringsperson=None, items=[]
        )
    with pytest.raises(ValidationError):
        services.record_attendance(meeting=minutes.meeting, by=coordinator, entries=[])


def test_only_the_named_approvers_may_approve(seated, book, coordinator, user_for):
    minutes = minutes_ready(book, coordinator, "lsg")
    for outsider in (coordinator, User.objects.get(username="ledamot")):
        with pytest.raises(PermissionDenied):
            services.approve_minutes(minutes=minutes, by=outsider)
    chair = approvers(minutes, user_for)[0]
    services.approve_minutes(minutes=minutes, by=chair)
    with pytest.raises(ValidationError, match="redan justerat"):
        services.approve_minutes(minutes=minutes, by=chair)


def test_minutes_without_justeringsperson_cannot_be_sent(seated, book, coordinator):
    with pytest.raises(ValidationError, match="saknar justeringsperson"):
        minutes_ready(book, coordinator, "lsg", checker=False)


def test_a_correction_is_a_new_version_and_the_old_stays(seated, book, coordinator, user_for):
    minutes = minutes_ready(book, coordinator, "samverkansrad-patientsakerhet", checker=False)
    services.approve_minutes(minutes=minutes, by=approvers(minutes, user_for)[0])
    minutes.refresh_from_db()
    with pytest.raises(ValidationError, match="Ange varför"):
        services.correct_minutes(minutes=minutes, by=coordinator, reason=" ")
    new = services.correct_minutes(minutes=minutes, by=coordinator, reason="Fel datum i § 6")
    assert (new.version, new.supersedes, new.status) == (2, minutes, MinutesStatus.DRAFT)
    assert new.items.get(title="Rutin").att_satser == ["anta rutinen", "följa upp den 2027"]
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    with pytest.raises(ValidationError, match="redan en rättelse"):
        services.correct_minutes(minutes=minutes, by=coordinator, reason="igen")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_approvers_at_once_both_count_exactly_once(seated, book, coordinator, user_for):
    minutes = minutes_ready(book, coordinator, "lsg")
    users = approvers(minutes, user_for)
    barrier = threading.Barrier(len(users))
    errors = []

    def approve(user):
        try:
            barrier.wait()
            services.approve_minutes(minutes=Minutes.objects.get(pk=minutes.pk), by=user)
        except Exception as exc:  # noqa: BLE001 – reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert minutes.approvals.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_kallelse_sends_at_once_mail_once(book, coordinator, settings):
    member_user("alice", "lsg")
    member_user("bob", "lsg")
    meeting = book()
    barrier = threading.Barrier(2)
    results = []

    def send():
        barrier.wait()
        results.append(services.send_kallelse(meeting=meeting, by=coordinator))
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.already_sent for r in results) == [False, True]
    assert len(mail.outbox) == len(services.kallelse_recipients(meeting)) >= 2


def test_rescheduling_after_the_kallelse_tells_everyone_with_an_updated_event(
    seated, book, coordinator, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    meeting = book()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_kallelse(meeting=meeting, by=coordinator)
    sent = len(mail.outbox)
    start = meeting.starts_at + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.reschedule_meeting(
            meeting=meeting,
            by=coordinator,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            form="in_person",
            location="Lycksele",
        )
    changed = mail.outbox[sent:]
    assert len(changed) == sent and changed[0].subject.startswith("Ändrad tid eller plats")
    event = Calendar.from_ical(changed[0].attachments[0][1]).walk("VEVENT")[0]
    assert int(event["sequence"]) == 1 and str(event["location"]).startswith("Lycksele")


def test_cancelling_sends_a_cancellation_and_cannot_be_repeated(
    seated, book, coordinator, django_capture_on_commit_callbacks
):
    from icalendar import Calendar

    meeting = book()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_kallelse(meeting=meeting, by=coordinator)
        services.cancel_meeting(meeting=meeting, by=coordinator)
    cancellation = mail.outbox[-1]
    assert cancellation.subject.startswith("Inställt")
    calendar = Calendar.from_ical(cancellation.attachments[0][1])
    assert str(calendar["method"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["status"]) == "CANCELLED"
    with pytest.raises(ValidationError, match="redan inställt"):
        services.cancel_meeting(meeting=meeting, by=coordinator)
    with pytest.raises(ValidationError, match="inställt"):
        services.send_kallelse(meeting=meeting, by=coordinator)


def test_a_meeting_with_approved_minutes_cannot_be_moved(seated, book, coordinator, user_for):
    minutes = minutes_ready(book, coordinator, "samverkansrad-patientsakerhet", checker=False)
    services.approve_minutes(minutes=minutes, by=approvers(minutes, user_for)[0])
    meeting = minutes.meeting
    with pytest.raises(ValidationError, match="justerade minnesanteckningar"):
        services.cancel_meeting(meeting=meeting, by=coordinator)
