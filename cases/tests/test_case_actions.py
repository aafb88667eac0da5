"""The case page's actions through HTTP: each posts to its own URL, lands on the section that
changed with the message there, and answers hostile input with a Swedish error, never a 500."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases import services
from cases.models import Case, Recommendation, Treatment
from meetings import services as meeting_services
from structure.models import Group, Principal
from testing.builders import member_user
from testing.queries import COUNTY_FACTS

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
HUGE = "9" * 25


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def url(name: str, case: Case) -> str:
    return reverse(f"cases:{name}", args=[case.pk])


def coming_meeting(coordinator, slug: str, days: int) -> object:
    start = (
        (timezone.now() + datetime.timedelta(days=days))
        .astimezone(TZ)
        .replace(hour=9, minute=0, second=0, microsecond=0)
    )
    return meeting_services.book_meeting(
        group=Group.objects.get(slug=slug),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        form="in_person",
        location="Regionens hus",
        by=coordinator,
    )


# --- Success paths ------------------------------------------------------------------------------


def test_routing_lands_on_the_hemvist_section_with_its_message(raise_in, coordinator):
    case = raise_in()
    client = as_user("koordinator")
    samrad = Group.objects.get(slug="samrad")
    response = client.post(url("case_route", case), {"route-group": samrad.pk})
    assert response.status_code == 302 and response["Location"].endswith("#hemvist")
    case.refresh_from_db()
    assert case.current_group == samrad
    page = client.get(response["Location"]).content.decode()
    section = page[page.index('id="hemvist"') :]
    assert "Hemvisten är registrerad." in section[: section.index("</section>")]


def test_a_treatment_is_recorded_and_lands_on_its_section(raise_in, coordinator, meeting_of):
    case = raise_in()
    meeting = meeting_of("lsg")
    response = as_user("koordinator").post(
        url("case_treat", case),
        {
            "treat-group": case.current_group.pk,
            "treat-outcome": "prepared",
            "treat-meeting": meeting.pk,
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#behandling")
    treatment = case.treatments.get(outcome="prepared")
    assert treatment.meeting == meeting


def test_put_on_agenda_adds_the_case_to_the_meeting(raise_in, coordinator):
    case = raise_in()
    meeting = coming_meeting(coordinator, "lsg", days=20)
    response = as_user("koordinator").post(url("case_agenda", case), {"agenda-meeting": meeting.pk})
    assert response.status_code == 302 and response["Location"].endswith("#dagordning")
    assert meeting.items.filter(title__startswith=case.register_number).exists()


def test_the_next_meeting_is_preselected_and_coming_meetings_are_listed_earliest_first(
    raise_in, coordinator
):
    case = raise_in()
    later = coming_meeting(coordinator, "lsg", days=40)
    nearest = coming_meeting(coordinator, "lsg", days=10)
    html = as_user("koordinator").get(case.get_absolute_url()).content.decode()
    agenda = html[html.index('id="dagordning"') :]
    agenda = agenda[: agenda.index("</form>")]
    assert f'<option value="{nearest.pk}" selected>' in agenda
    assert agenda.index(f'value="{nearest.pk}"') < agenda.index(f'value="{later.pk}"')


def test_adopting_a_recommendation_lands_on_the_recommendations(raise_in, coordinator, meeting_of):
    case = raise_in()
    meeting = meeting_of("lsg")
    response = as_user("koordinator").post(
        url("case_adopt", case),
        {"adopt-meeting": meeting.pk, "adopt-title": "Rutin", "adopt-decisions": "att anta"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#rekommendationer")
    assert case.recommendations.get().title == "Rutin"


def test_a_document_is_added_through_its_own_form(member, raise_in, coordinator):
    case = raise_in()
    upload = SimpleUploadedFile("bilaga.pdf", b"%PDF-1.4 x", "application/pdf")
    response = as_user("ledamot").post(
        url("case_add_document", case), {"document-title": "Bilaga", "document-document": upload}
    )
    assert response.status_code == 302 and response["Location"].endswith("#handlingar")
    assert case.documents.get().title == "Bilaga"


def test_a_document_form_without_a_file_answers_400_in_swedish(member, raise_in):
    case = raise_in()
    response = as_user("ledamot").post(url("case_add_document", case), {"document-title": "x"})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i" in response.content.decode()
    assert not case.documents.exists()


def test_follow_and_unfollow_are_two_actions(raise_in, member):
    case = raise_in()
    client = as_user("ledamot")
    response = client.post(url("case_follow", case))
    assert response.status_code == 302 and response["Location"].endswith("#bevakning")
    assert case.follows.filter(user=member).exists()
    client.post(url("case_unfollow", case))
    assert not case.follows.exists()


def test_expedition_previews_recipients_and_warns_about_principals_without_registrar(
    registrars, raise_in, coordinator, meeting_of
):
    User.objects.filter(username="registrator-umea").update(email="umea@example.invalid")
    User.objects.filter(username="registrator-region").update(email="region@example.invalid")
    rec = services.adopt_recommendation(
        case=raise_in(), meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    preview = reverse("cases:expedite_preview", args=[rec.pk])
    html = as_user("koordinator").get(preview).content.decode()
    assert "umea@example.invalid" in html and "region@example.invalid" in html
    assert "14 huvudmän saknar registrator" in html and "Vindeln" in html
    assert "att x" in html and "Bekräfta och expediera till 16 huvudmän" in html
    rec.refresh_from_db()
    assert rec.expedited_at is None  # looking is not expediting


def test_confirming_expedition_mails_the_registrars(
    registrars, raise_in, coordinator, meeting_of, django_capture_on_commit_callbacks
):
    User.objects.filter(username="registrator-umea").update(email="umea@example.invalid")
    rec = services.adopt_recommendation(
        case=raise_in(), meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user("koordinator").post(reverse("cases:expedite", args=[rec.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#rekommendationer")
    rec.refresh_from_db()
    assert rec.expedited_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "registrator-region@test.example",
        "umea@example.invalid",
    ]


# --- Case list ----------------------------------------------------------------------------------


def test_case_list_shows_each_case_step(raise_in, coordinator, meeting_of):
    preparing = raise_in(title="Under arbete")
    adopted = raise_in(title="Antagen men inte ute")
    services.adopt_recommendation(
        case=adopted, meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    at_principals = raise_in(title="Ute hos huvudmännen")
    rec = services.adopt_recommendation(
        case=at_principals, meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att y"
    )
    services.expedite(recommendation=rec, by=coordinator)
    umea = Principal.objects.get(slug="umea")
    services.register_decision(
        addressee=rec.addressees.get(principal=umea),
        by=coordinator,
        outcome="approved",
        body=umea.decision_bodies.first(),
        decided_on=datetime.date(2026, 4, 1),
        reference="§ 1",
    )
    html = as_user("koordinator").get(reverse("cases:case_list")).content.decode()
    for case, step in (
        (preparing, "Under beredning"),
        (adopted, "Antagen – ej expedierad"),
        (at_principals, "Hos huvudmännen 1/16"),
    ):
        row = html[html.index(case.get_absolute_url()) :]
        assert step in row[: row.index("</tr>")], case.title


def test_case_list_filters_by_step_group_and_year(raise_in, coordinator, meeting_of):
    lsg_case = raise_in(title="I LSG")
    samrad_case = raise_in(slug="samrad", title="I Samråd")
    old_case = raise_in(title="Från i fjol", raised_on=datetime.date(2025, 3, 3))
    services.adopt_recommendation(
        case=lsg_case, meeting=meeting_of("lsg"), by=coordinator, title="R", decisions="att x"
    )
    client = as_user("koordinator")

    def listed(**query):
        html = client.get(reverse("cases:case_list"), query).content.decode()
        return {c.title for c in (lsg_case, samrad_case, old_case) if c.get_absolute_url() in html}

    assert listed(step="adopted") == {"I LSG"}
    assert listed(group=Group.objects.get(slug="samrad").pk) == {"I Samråd"}
    assert listed(year="2025") == {"Från i fjol"}


@pytest.mark.parametrize(
    "query",
    [{"step": "nope"}, {"group": HUGE}, {"group": "abc"}, {"year": "9999"}, {"q": "x" * 500}],
)
def test_case_list_answers_hostile_filters_with_400(raise_in, query):
    raise_in()
    response = as_user("koordinator").get(reverse("cases:case_list"), query)
    assert response.status_code == 400


def test_case_list_query_count_stays_flat_with_steps(
    member, raise_in, coordinator, meeting_of, django_assert_max_num_queries
):
    meeting = meeting_of("lsg")
    for index in range(12):
        case = raise_in(title=f"Ärende {index}")
        if index % 2:
            services.adopt_recommendation(
                case=case, meeting=meeting, by=coordinator, title="R", decisions="att x"
            )
    client = as_user("ledamot")
    with django_assert_max_num_queries(12 + COUNTY_FACTS):
        response = client.get(reverse("cases:case_list"), {"step": "adopted"})
    assert response.status_code == 200 and "Ärende 11" in response.content.decode()


def test_case_page_query_count_stays_flat(
    raise_in, coordinator, meeting_of, django_assert_max_num_queries
):
    case = raise_in()
    for day in (5, 12, 19):
        meeting = meeting_of("lsg", datetime.date(2026, 3, day))
        services.record_treatment(
            case=case, group=case.current_group, by=coordinator, outcome="prepared", meeting=meeting
        )
    services.adopt_recommendation(
        case=case, meeting=meeting, by=coordinator, title="R", decisions="att x"
    )
    client = as_user("koordinator")
    # constant: the case with its prefetches, each form's choices, the follow state
    with django_assert_max_num_queries(28):  # + session write, second-factor check
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200


# --- Hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", HUGE, "-1", "1.5", " ", "\x00"])
def test_hostile_ids_on_every_case_form_answer_400_and_write_nothing(raise_in, value):
    case = raise_in()
    client = as_user("koordinator")
    treatments = Treatment.objects.count()
    for name, data in (
        ("case_route", {"route-group": value, "route-local_principal": value}),
        ("case_route", {"route-shared_with": [value]}),
        ("case_treat", {"treat-group": value, "treat-outcome": "prepared"}),
        (
            "case_treat",
            {
                "treat-group": case.current_group.pk,
                "treat-outcome": "prepared",
                "treat-meeting": value,
            },
        ),
        ("case_agenda", {"agenda-meeting": value}),
        ("case_adopt", {"adopt-meeting": value, "adopt-title": "x", "adopt-decisions": "att x"}),
        (
            "case_adopt",
            {"adopt-title": "x", "adopt-decisions": "att x", "adopt-principals": [value]},
        ),
    ):
        response = client.post(url(name, case), data)
        assert response.status_code in (400, 403), (name, data, response.status_code)
    assert Treatment.objects.count() == treatments
    assert not Recommendation.objects.exists()


def test_a_meeting_of_another_group_is_not_a_choice(raise_in, coordinator, meeting_of):
    case = raise_in()
    meeting_of("lsg")
    samrad_meeting = meeting_of("samrad")
    response = as_user("koordinator").post(
        url("case_adopt", case),
        {"adopt-meeting": samrad_meeting.pk, "adopt-title": "x", "adopt-decisions": "att x"},
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Recommendation.objects.exists()


def test_hostile_ids_when_raising_a_case_are_form_errors(structure):
    member_user("alice", "lsg")
    client = as_user("alice")
    lsg = Group.objects.get(slug="lsg")
    for data in (
        {"group": HUGE},
        {"group": lsg.pk, "principals": [HUGE]},
        {"group": lsg.pk, "principals": ["abc"]},
        {"group": lsg.pk, "submission_key": "not-a-uuid"},
    ):
        body = {"title": "T", "description": "d", "proposal": "p", **data}
        response = client.post(reverse("cases:case_create"), body)
        # a number no id can be is refused before any view (400); the rest are form errors
        assert response.status_code == 400 or (
            response.status_code == 200 and 'class="error-summary"' in response.content.decode()
        ), data
    assert not Case.objects.exists()


def test_case_page_answers_only_get(raise_in):
    case = raise_in()
    response = as_user("koordinator").post(case.get_absolute_url(), {"action": "route"})
    assert response.status_code == 405
