import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from onboarding import services
from onboarding.models import NewMember
from structure.models import Group, Principal
from testing.builders import PASSWORD, coordinator_user, member_user, person, seat

pytestmark = pytest.mark.django_db


def _report(by, group="lsg"):
    return services.report_new_member(
        by=by,
        group=Group.objects.get(slug=group),
        first_name="Nora",
        last_name="Ny",
        email="nora@test.example",
        principal=Principal.objects.get(slug="umea"),
        kind="ordinary",
        note="Ersätter Olle",
    )


def test_a_member_reports_a_new_member_and_the_coordinator_is_mailed(
    structure, django_capture_on_commit_callbacks
):
    coordinator_user()
    alice = member_user("alice", "lsg")
    with django_capture_on_commit_callbacks(execute=True):
        new_member = _report(alice)
    assert new_member.missing
    [message] = mail.outbox
    assert message.to == ["charlie@test.example"]
    assert "Nora Ny" in message.body and "Ersätter Olle" in message.body


def test_a_member_cannot_report_for_a_group_they_do_not_sit_in(structure):
    alice = member_user("alice", "lsg")
    with pytest.raises(PermissionDenied):
        _report(alice, group="samrad")
    assert not NewMember.objects.exists()


def test_membership_step_needs_the_seat_to_be_recorded(structure):
    charlie = coordinator_user()
    new_member = _report(charlie)
    nora = person("Nora", last_name="Ny")
    services.link_person(by=charlie, new_member=new_member, person=nora)
    with pytest.raises(ValidationError, match="Registrera uppdraget"):
        services.complete_step(by=charlie, new_member=new_member, step="membership")
    ordinary = seat(nora, "lsg")
    # LSG's rule: every ordinary member has a substitute; until then the step waits (issue 18)
    with pytest.raises(ValidationError, match="Nora Ny \\(Umeå\\) saknar ersättare"):
        services.complete_step(by=charlie, new_member=new_member, step="membership")
    seat(person("Sune"), "lsg", kind="substitute", substitute_for=ordinary)
    services.complete_step(by=charlie, new_member=new_member, step="membership")
    assert new_member.membership_on == timezone.localdate()


def test_welcome_mail_has_mandate_coming_meetings_and_calendar_link(
    structure, django_capture_on_commit_callbacks
):
    charlie = coordinator_user()
    new_member = _report(charlie)
    services.link_person(by=charlie, new_member=new_member, person=person("Nora", last_name="Ny"))
    starts = timezone.now() + datetime.timedelta(days=20)
    Meeting.objects.create(
        group=Group.objects.get(slug="lsg"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        form="video",
        title="LSG decembermöte",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_welcome(by=charlie, new_member=new_member)
    [message] = mail.outbox
    assert message.to == ["nora@test.example"]
    assert "Uppdrag" in message.body
    assert "LSG decembermöte" in message.body
    assert "/kalender/ledamot/" in message.body
    assert new_member.forms_on is not None


def test_checklists_are_on_the_desk_and_hidden_from_members(client, structure):
    charlie = coordinator_user()
    _report(charlie)
    client.force_login(charlie)
    assert (
        "Ny ledamot Nora Ny i LSG: nästa steg kontaktuppgifter inlagda"
        in client.get(reverse("desk:desk")).content.decode()
    )
    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    new_member = NewMember.objects.get()
    assert client.get(new_member.get_absolute_url()).status_code == 404
    assert client.post(reverse("onboarding:welcome", args=[new_member.pk])).status_code == 404


def test_report_form_keeps_input_on_error(client, structure):
    member_user("alice", "lsg")
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        reverse("onboarding:report_send"),
        {"group": Group.objects.get(slug="samrad").pk, "first_name": "Nora", "email": "x"},
    )
    assert response.status_code == 400
    assert 'value="Nora"' in response.content.decode()
    assert not NewMember.objects.exists()
