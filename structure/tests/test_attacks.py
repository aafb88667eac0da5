"""Attacker tests for privacy: contact details on every public and internal page, the org chart.

Each test names the attack and asserts the safe behaviour; the shared world is in
`testing/attack_world.py`.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from structure.models import Membership, Person, Principal
from testing.attack_world import (
    as_user,
    emails_and_phones,
    text,
)

# --- Contact details (privacy) ---------------------------------------------------------------


def test_contact_details_of_another_group_are_not_shown_on_its_group_page(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.ledamot.person).values_list("group_id", flat=True)
    )
    samrad_contacts = emails_and_phones("samrad", ledamot_groups)
    for client in [
        Client(),
        as_user("ledamot"),
        as_user("ordforande"),
        as_user("registrator-umea"),
    ]:
        html = text(client.get(reverse("structure:group_detail", args=["samrad"])))
        for value in samrad_contacts:
            assert value not in html
    lsg_contacts = emails_and_phones("lsg")
    for client in [Client(), as_user("samradsledamot"), as_user("registrator-region")]:
        html = text(client.get(reverse("structure:group_detail", args=["lsg"])))
        for value in lsg_contacts:
            if value in samrad_contacts or value == world.samrad_person.email:
                continue
            assert value not in html
    # control: members of the group do see them
    html = text(as_user("ledamot").get(reverse("structure:group_detail", args=["lsg"])))
    assert any(value in html for value in lsg_contacts)


def test_contact_details_do_not_leak_via_principal_pages_minutes_meetings_cases_or_chart(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.ledamot.person).values_list("group_id", flat=True)
    )
    foreign = emails_and_phones("samrad", ledamot_groups)
    lsg_all = emails_and_phones("lsg")
    client = as_user("ledamot")
    pages = [reverse("structure:principal_detail", args=[p.slug]) for p in Principal.objects.all()]
    pages += [
        reverse("structure:principal_list"),
        reverse("structure:group_list"),
        reverse("publicsite:home"),
        reverse("publicsite:chart_svg"),
        world.m_samrad_public.get_absolute_url(),
        reverse("cases:balance_list", args=["samrad"]),
        reverse("cases:recommendation_detail", args=[world.rec_public.pk]),
    ]
    for url in pages:
        html = text(client.get(url))
        for value in foreign:
            assert value not in html, url
    # anonymous: approved minutes with attendance, public pages, exports: no contact details
    anon = Client()
    for url in pages + [
        world.approved.get_absolute_url(),
        world.m_held.get_absolute_url(),
        reverse("cases:recommendation_export", args=["json"]),
        reverse("cases:recommendation_matrix_export", args=[world.rec_public.pk, "json"]),
        reverse("cases:balance_list_export", args=["lsg", "json"]),
        reverse("cases:patient_safety_compilation"),
    ]:
        html = text(anon.get(url))
        for value in foreign + lsg_all:
            assert value not in html, url


def test_meeting_manage_and_case_pages_do_not_show_contact_details_of_other_groups(world):
    ledamot_groups = set(
        Membership.objects.filter(person=world.chair.person).values_list("group_id", flat=True)
    )
    foreign = emails_and_phones("samrad", ledamot_groups)
    chair = as_user("ordforande")
    for url in [
        reverse("meetings:meeting_manage", args=[world.m_draft.pk]),
        reverse("meetings:minutes_edit", args=[world.draft.pk]),
        world.case_lsg.get_absolute_url(),
        world.case_pub.get_absolute_url(),
    ]:
        response = chair.get(url)
        assert response.status_code == 200, url
        for value in foreign:
            assert value not in text(response), url


def test_orgchart_svg_contains_no_people_and_is_an_image(world):
    response = Client().get(reverse("publicsite:chart_svg"))
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = text(response)
    assert "<script" not in svg.lower() and "@" not in svg
    for person in Person.objects.all()[:200]:
        assert person.full_name not in svg
