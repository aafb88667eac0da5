"""GET/POST /nya-ledamoter/<pk>/plats/: the coordinator makes the reported new member's person
and seat in structure's "Tillsätt plats" form, prefilled from the report (issue 18, R-M4); the
checklist cannot be closed while the rules check flags that seat."""

import datetime

import pytest
from django.urls import reverse

from onboarding import services
from structure.models import Group, Membership, MembershipKind, Person
from testing.builders import person, seat

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def url(new_member) -> str:
    return reverse("onboarding:seat", args=[new_member.pk])


def post_values(nora, **values):
    return {
        "first_name": nora.first_name,
        "last_name": nora.last_name,
        "email": nora.email,
        "principal": nora.principal_id,
        "group": nora.group_id,
        "kind": nora.kind,
        "start_date": TODAY.isoformat(),
    } | values


def test_the_form_is_prefilled_from_the_report(client, charlie, nora):
    client.force_login(charlie)
    response = client.get(url(nora))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'value="Nora"' in text and 'value="nora@test.example"' in text
    assert f'<option value="{nora.principal_id}" selected>' in text
    assert '<option value="ordinary" selected>' in text


def test_person_and_seat_are_made_and_the_flag_blocks_closing(client, charlie, nora):
    client.force_login(charlie)
    response = client.post(url(nora), post_values(nora), follow=True)
    assert response.redirect_chain == [(nora.get_absolute_url(), 302)]
    nora.refresh_from_db()
    new_seat = Membership.objects.get(person=nora.person, group=nora.group)
    assert nora.contact_details_on == TODAY
    assert nora.membership_on is None  # the seat lacks a substitute: the step waits
    text = response.content.decode()
    assert "Listan kan inte bli klar ännu" in text
    assert "Nora Ny (Umeå) saknar ersättare." in text
    fill = reverse("structure:seat_fill")
    fix = f"{fill}?grupp={nora.group_id}&amp;typ=substitute&amp;ersatter={new_seat.pk}"
    assert fix in text
    # marking it done by hand says why, too
    response = client.post(
        reverse("onboarding:step", args=[nora.pk]), {"step": "membership"}, follow=True
    )
    assert "regelkontrollen flaggar platsen" in response.content.decode()
    nora.refresh_from_db()
    assert nora.membership_on is None


def test_with_a_substitute_tied_the_seat_step_is_done(client, charlie, nora):
    client.force_login(charlie)
    client.post(url(nora), post_values(nora))
    nora.refresh_from_db()
    ordinary = Membership.objects.get(person=nora.person)
    client.post(
        reverse("structure:seat_fill"),
        {
            "first_name": "Sune",
            "last_name": "Ersättare",
            "principal": nora.principal_id,
            "group": nora.group_id,
            "kind": MembershipKind.SUBSTITUTE,
            "substitute_for": ordinary.pk,
            "start_date": TODAY.isoformat(),
        },
    )
    response = client.post(reverse("onboarding:step", args=[nora.pk]), {"step": "membership"})
    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.membership_on == TODAY
    page = client.get(nora.get_absolute_url()).content.decode()
    assert "Listan kan inte bli klar ännu" not in page


def test_the_last_step_cannot_close_a_checklist_whose_seat_is_flagged(charlie, nora):
    """The seat step was done while a substitute stood in; the substitute has since left."""
    nora.person = person("Nora", last_name="Ny")
    ordinary = seat(nora.person, "lsg")
    substitute = seat(person("Sune"), "lsg", kind="substitute", substitute_for=ordinary)
    nora.contact_details_on = nora.membership_on = nora.introduction_on = TODAY
    nora.save()
    substitute.end_date = TODAY - datetime.timedelta(days=1)
    substitute.save()
    with pytest.raises(services.SeatFlagged, match="saknar ersättare"):
        services.send_welcome(by=charlie, new_member=nora)
    nora.refresh_from_db()
    assert nora.forms_on is None


def test_an_existing_person_found_by_name_is_linked_instead(client, charlie, nora):
    existing = person("Nora", last_name="Ny", principal="umea")
    client.force_login(charlie)
    page = client.get(url(nora)).content.decode()  # the search starts with the last name
    assert f'value="{existing.pk}"' in page
    values = {k: "" for k in ("first_name", "last_name", "email", "principal")}
    response = client.post(url(nora), post_values(nora, **values, person=existing.pk, sok="Ny"))
    assert response.status_code == 302
    nora.refresh_from_db()
    assert nora.person == existing
    assert Person.objects.filter(last_name="Ny").count() == 1


def test_a_refused_seat_keeps_the_input_and_leaves_nothing(client, charlie, nora):
    seat(person("Umeå2"), "lsg")  # with alice's, the two ordinary seats Umeå may hold in LSG
    client.force_login(charlie)
    response = client.post(url(nora), post_values(nora, first_name="Nova"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Umeå har 3 ordinarie ledamöter, får ha högst 2." in text
    assert 'value="Nova"' in text
    nora.refresh_from_db()
    assert nora.person is None
    assert not Person.objects.filter(first_name="Nova").exists()


def test_another_group_than_the_reported_one_is_a_form_error(client, charlie, nora):
    client.force_login(charlie)
    other = Group.objects.get(slug="samrad")
    response = client.post(url(nora), post_values(nora, group=other.pk))
    assert response.status_code == 400
    assert not Person.objects.filter(last_name="Ny").exists()


@pytest.mark.parametrize(
    "values",
    [{"group": "x"}, {"start_date": "0001-01-01"}, {"kind": "boss"}, {"sok": "x" * 500}],
)
def test_hostile_values_answer_400(client, charlie, nora, values):
    client.force_login(charlie)
    assert client.post(url(nora), post_values(nora, **values)).status_code == 400
    assert not Person.objects.filter(last_name="Ny").exists()


@pytest.mark.parametrize("who", [None, "alice"])
def test_anonymous_and_members_are_refused_and_nothing_is_made(client, nora, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(url(nora), post_values(nora))
    if who:
        assert response.status_code == 404
    else:
        assert response.url.startswith(reverse("login"))
    assert not Person.objects.filter(last_name="Ny").exists()


def test_the_desk_links_the_report_form(client, charlie):
    client.force_login(charlie)
    page = client.get(reverse("desk:desk")).content.decode()
    assert reverse("onboarding:report") in page
