"""The public case pages and their exports (R-C4, R-C5, R-C6, R-G6): what they show, and that
nothing internal (descriptions, proposals, unexpedited recommendations) ever leaks."""

import csv
import datetime
import io
import json
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from cases import exports, services
from cases.models import DecisionOutcome
from lib import exports as downloads
from meetings import services as meeting_services
from structure.models import Group, Membership, Principal
from testing import builders
from testing.builders import demo_coordinator, seat
from testing.queries import COUNTY_FACTS

TZ = zoneinfo.ZoneInfo("Europe/Stockholm")
D = datetime.date
DESCRIPTION = "Hemlig beskrivning om Kalles vårdplan"
PROPOSAL = "Internt förslag om budgetramen"
SECRETS = (DESCRIPTION, PROPOSAL)
MEETING_DAY = D(2026, 3, 12)  # in the past: decisions may not precede adoption
RAISED_ON = D(2026, 2, 2)


# --- Builders ---------------------------------------------------------------------------------


@pytest.fixture
def coordinator(request, structure):
    return demo_coordinator(request)


@pytest.fixture
def build(coordinator):
    """Small builders that go through the services, as the product does."""

    class Build:
        @staticmethod
        def meeting(slug="lsg", day=MEETING_DAY):
            start = datetime.datetime.combine(day, datetime.time(9), TZ)
            return meeting_services.book_meeting(
                group=Group.objects.get(slug=slug),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=3),
                form="in_person",
                location="Regionens hus, Umeå",
                by=coordinator,
            )

        @staticmethod
        def case(slug="lsg", title="Gemensam rutin för SIP", raised_on=RAISED_ON):
            group = Group.objects.get(slug=slug)
            membership = Membership.objects.filter(group=group, kind="ordinary").first()
            person = membership.person if membership else seat(builders.person(), slug).person
            return services.raise_case(
                group=group,
                by=coordinator,
                submitted_by=person,
                title=title,
                description=DESCRIPTION,
                proposal=PROPOSAL,
                raised_on=raised_on,
            )

        @staticmethod
        def recommendation(case, meeting, title, expedite=True, principals=()):
            rec = services.adopt_recommendation(
                case=case,
                meeting=meeting,
                by=coordinator,
                title=title,
                decisions="att anta rutinen\natt följa upp den 2027",
                principals=principals,
            )
            if expedite:
                services.expedite(recommendation=rec, by=coordinator)
                rec.refresh_from_db()
            return rec

        @staticmethod
        def decide(rec, principal, outcome=DecisionOutcome.APPROVED, reference="§ 12"):
            return services.register_decision(
                addressee=rec.addressees.get(principal=principal),
                by=coordinator,
                outcome=outcome,
                body=principal.decision_bodies.first(),
                decided_on=D(2026, 4, 1),
                reference=reference,
                comment="Utom uppföljningen." if outcome == DecisionOutcome.PARTLY_APPROVED else "",
            )

    return Build


@pytest.fixture
def published(build):
    """LSG: one recommendation expedited to all 16 (11 bifall, 1 avslag, 4 waiting), one
    adopted but not expedited, and one case finished in the decision bodies."""
    meeting = build.meeting()
    principals = list(Principal.objects.order_by("side", "name"))
    public = build.recommendation(build.case(title="Ärende om SIP"), meeting, "Rutin för SIP")
    for principal in principals[:11]:
        build.decide(public, principal)
    build.decide(public, principals[11], DecisionOutcome.REJECTED, reference="§ 99")
    hidden = build.recommendation(
        build.case(title="Ärende om hemsjukvård"),
        meeting,
        "Ej expedierad hemsjukvård",
        expedite=False,
    )
    region = Principal.objects.get(side="region")
    finished = build.recommendation(
        build.case(title="Ärende om läkemedel"), meeting, "Läkemedelsrutin", principals=[region]
    )
    build.decide(finished, region)
    return {"public": public, "hidden": hidden, "finished": finished, "principals": principals}


def login(client, username):
    client.login(username=username, password="samverkan-demo")
    return client


def body(response) -> bytes:
    """The whole body, also of a streamed download (read once)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def text(response) -> str:
    return body(response).decode("utf-8-sig")


# --- Recommendations and decisions (R-C4) -----------------------------------------------------


def test_list_shows_expedited_recommendations_with_exact_counts(client, published):
    html = text(client.get(reverse("cases:recommendation_list")))
    public = published["public"]
    assert "Rutin för SIP" in html
    assert public.case.register_number in html
    assert "Länssamverkansgruppen" in html
    assert "12 av 16 har beslutat: 11 bifall, 1 avslag" in html
    assert "1 av 1 har beslutat: 1 bifall" in html
    assert reverse("cases:recommendation_export", args=["xlsx"]) in html


def test_unexpedited_recommendation_is_neither_listed_nor_reachable(client, published):
    hidden = published["hidden"]
    assert "Ej expedierad hemsjukvård" not in text(client.get(reverse("cases:recommendation_list")))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    for fmt in downloads.FORMATS:
        url = reverse("cases:recommendation_matrix_export", args=[hidden.pk, fmt])
        assert client.get(url).status_code == 404
        export = client.get(reverse("cases:recommendation_export", args=[fmt]))
        assert "Ej expedierad hemsjukvård" not in export_text(export, fmt)


def test_own_decision_is_not_a_recommendation_page(client, build):
    meeting = build.meeting("hjalpmedelsradet")
    own = build.recommendation(
        build.case("hjalpmedelsradet", "Rollatorer"), meeting, "Sortiment", expedite=False
    )
    assert own.own_decision
    assert client.get(own.get_absolute_url()).status_code == 404


def test_detail_shows_att_satser_dates_and_counts(client, published):
    public = published["public"]
    html = text(client.get(public.get_absolute_url()))
    assert "LSG rekommenderar huvudmännen" in html
    assert "att anta rutinen" in html and "att följa upp den 2027" in html
    assert "2026-03-12" in html  # adopted at the meeting
    assert f"{public.expedited_at.astimezone(TZ):%Y-%m-%d}" in html
    assert "12 av 16 har beslutat: 11 bifall, 1 avslag" in html
    assert reverse("cases:recommendation_matrix_export", args=[public.pk, "csv"]) in html


def test_matrix_has_all_16_principals_with_their_status(client, published):
    response = client.get(published["public"].get_absolute_url())
    entries = response.context["entries"]
    assert len(entries) == 16
    statuses = {entry.principal.name: entry.status for entry in entries}
    principals = published["principals"]
    assert [statuses[p.name] for p in principals[:11]] == ["Bifall"] * 11
    assert statuses[principals[11].name] == "Avslag"
    assert [statuses[p.name] for p in principals[12:]] == ["Väntar på beslut"] * 4
    html = text(response)
    assert '<th scope="row" data-label="Huvudman">' in html and "<caption>" in html
    assert "§ 99" in html
    assert '<span class="badge badge-error">Avslag</span>' in html


def test_matrix_shows_partly_approved_and_not_addressed(client, build):
    umea = Principal.objects.get(slug="umea")
    addressed = Principal.objects.exclude(slug="asele")
    rec = build.recommendation(build.case(), build.meeting(), "Rutin", principals=list(addressed))
    build.decide(rec, umea, DecisionOutcome.PARTLY_APPROVED)
    response = client.get(rec.get_absolute_url())
    statuses = {e.principal.slug: e.status for e in response.context["entries"]}
    assert statuses["umea"] == "Delvis bifall"
    assert statuses["asele"] == "Ej berörd"
    assert len(statuses) == 16
    assert "1 av 15 har beslutat: 1 delvis bifall" in text(response)


def test_list_query_count_stays_flat(client, build, django_assert_max_num_queries):
    meeting = build.meeting()
    for number in range(30):
        build.recommendation(build.case(title=f"Ärende {number}"), meeting, f"Rek {number}")
    # the page, its count, and the filter form's choices (principals, years)
    with django_assert_max_num_queries(5 + COUNTY_FACTS):
        response = client.get(reverse("cases:recommendation_list"))
    assert len(response.context["entries"]) == 25
    with django_assert_max_num_queries(5 + COUNTY_FACTS):
        response = client.get(reverse("cases:recommendation_list") + "?sida=2")
    assert len(response.context["entries"]) == 5


# --- Exports ----------------------------------------------------------------------------------


def export_text(response, fmt) -> str:
    """Every value of an export as one text, to search for what must not be there."""
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(body(response))).active
        return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    return text(response)


def test_csv_export_is_excel_friendly_and_parses_back(client, published):
    response = client.get(reverse("cases:recommendation_export", args=["csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="rekommendationer-')
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row["Rubrik"] for row in rows] == ["Läkemedelsrutin", "Rutin för SIP"]  # newest first
    sip = next(row for row in rows if row["Rubrik"] == "Rutin för SIP")
    assert sip["Diarienummer"] == published["public"].case.register_number
    assert sip["Antagen"] == "2026-03-12"
    assert (sip["Antal mottagare"], sip["Antal beslut"], sip["Bifall"], sip["Avslag"]) == (
        "16",
        "12",
        "11",
        "1",
    )
    assert sip["Beslutsläge"] == "12 av 16 har beslutat: 11 bifall, 1 avslag"


def test_xlsx_export_parses_back_with_dates(client, published):
    response = client.get(
        reverse("cases:recommendation_matrix_export", args=[published["public"].pk, "xlsx"])
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Huvudman",
        "Kod",
        "Status",
        "Beslutsdatum",
        "Beslutsinstans",
        "Hänvisning (§)",
        "Kommentar",
    )
    assert len(rows) == 17
    by_name = {row[0]: row for row in rows[1:]}
    first = published["principals"][0]
    assert by_name[first.name][2] == "Bifall"
    assert by_name[first.name][3].date() == D(2026, 4, 1)
    assert by_name[first.name][5] == "§ 12"
    assert by_name[published["principals"][15].name][2:4] == ("Väntar på beslut", None)


def test_json_export_has_iso_dates_and_unescaped_swedish(client, published):
    response = client.get(
        reverse("cases:recommendation_matrix_export", args=[published["public"].pk, "json"])
    )
    content = body(response).decode()
    assert "Väntar på beslut" in content  # ensure_ascii=False
    data = json.loads(content)
    assert [c["key"] for c in data["columns"]] == [c.key for c in exports.MATRIX_COLUMNS]
    assert len(data["rows"]) == 16
    rejected = next(row for row in data["rows"] if row["status"] == "Avslag")
    assert rejected == {
        "principal": published["principals"][11].name,
        "code": published["principals"][11].code,
        "status": "Avslag",
        "decided_on": "2026-04-01",
        "body": published["principals"][11].decision_bodies.first().name,
        "reference": "§ 99",
        "comment": "",
    }


@pytest.mark.parametrize("fmt", ["pdf", "xml", "CSV"])
def test_unknown_export_format_is_404(client, published, fmt):
    assert client.get(reverse("cases:recommendation_export", args=[fmt])).status_code == 404
    assert client.get(reverse("cases:balance_list_export", args=["lsg", fmt])).status_code == 404


def test_spreadsheet_formulas_in_titles_are_written_as_text(client, build):
    build.recommendation(build.case(), build.meeting(), '=HYPERLINK("http://x.example")')
    csv_rows = list(
        csv.reader(
            io.StringIO(text(client.get(reverse("cases:recommendation_export", args=["csv"])))),
            delimiter=";",
        )
    )
    assert csv_rows[1][2] == '\'=HYPERLINK("http://x.example")'
    response = client.get(reverse("cases:recommendation_export", args=["xlsx"]))
    cell = load_workbook(io.BytesIO(body(response))).active["C2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x.example")', "s")


# --- Balance lists (R-C5) ---------------------------------------------------------------------


def test_anonymous_sees_only_cases_with_expedited_recommendations(client, published):
    response = client.get(reverse("cases:balance_list", args=["lsg"]))
    html = text(response)
    assert not response.context["internal"]
    assert "Intern version" not in html
    titles = [row.case.title for row in response.context["rows"]]
    assert sorted(titles) == ["Ärende om SIP", "Ärende om läkemedel"]
    assert "Ärende om hemsjukvård" not in html
    assert published["public"].case.get_absolute_url() not in html
    sip = next(r for r in response.context["rows"] if r.case.title == "Ärende om SIP")
    assert sip.where == "Hos huvudmännen för beslut"
    assert sip.waiting_on.startswith("4 huvudmän: ")


def test_finished_case_stands_as_finished_in_the_decision_bodies(client, published):
    html = text(client.get(reverse("cases:balance_list", args=["lsg"])))
    assert "Färdigbehandlat i beslutsinstanserna" in html


def test_member_of_the_group_sees_the_internal_list(client, published):
    client.force_login(builders.member_user("bob", "lsg"))
    response = client.get(reverse("cases:balance_list", args=["lsg"]))
    html = text(response)
    assert response.context["internal"]
    assert "Intern version" in html
    assert "Ärende om hemsjukvård" in html
    assert published["hidden"].case.get_absolute_url() in html
    public = client.get(reverse("cases:balance_list", args=["lsg"]) + "?version=offentlig")
    assert not public.context["internal"]
    assert "Ärende om hemsjukvård" not in text(public)


def test_member_of_another_group_sees_the_public_list(client, published):
    client.force_login(builders.member_user("olle", "samrad"))
    response = client.get(reverse("cases:balance_list", args=["lsg"]))
    assert not response.context["internal"]


def test_public_list_does_not_reveal_a_later_unexpedited_recommendation(client, build):
    meeting = build.meeting()
    case = build.case(title="Ärende i två steg")
    region = Principal.objects.get(side="region")
    first = build.recommendation(case, meeting, "Första steget", principals=[region])
    later = build.meeting(day=D(2026, 3, 19))
    build.recommendation(case, later, "Andra steget", expedite=False, principals=[region])
    build.decide(first, region)
    public = text(client.get(reverse("cases:balance_list", args=["lsg"])))
    assert "Ärende i två steg" in public
    assert "Rekommendation antagen" not in public and "expediering" not in public
    assert "Bereds i Länssamverkansgruppen" in public


def test_balance_export_is_always_the_public_version(client, published):
    client.force_login(builders.member_user("bob", "lsg"))
    for fmt in downloads.FORMATS:
        response = client.get(reverse("cases:balance_list_export", args=["lsg", fmt]))
        assert response.status_code == 200
        assert "balanslista-lsg-" in response["Content-Disposition"]
        content = export_text(response, fmt)
        assert "Ärende om SIP" in content
        assert "Ärende om hemsjukvård" not in content
    data = json.loads(body(client.get(reverse("cases:balance_list_export", args=["lsg", "json"]))))
    finished = next(row for row in data["rows"] if row["title"] == "Ärende om läkemedel")
    assert finished["where"] == "Färdigbehandlat i beslutsinstanserna"
    # since the last decision finished it, and it waits on no one
    assert finished["since"] == timezone.localdate().isoformat()
    assert finished["days"] is None


# --- Own decisions (R-G6) ---------------------------------------------------------------------


def test_own_decision_register_is_only_for_a_group_that_decides_itself(client, build):
    meeting = build.meeting("hjalpmedelsradet")
    build.recommendation(
        build.case("hjalpmedelsradet", "Rollatorer"), meeting, "Nytt sortiment", expedite=False
    )
    assert client.get(reverse("cases:own_decisions", args=["lsg"])).status_code == 404
    html = text(client.get(reverse("cases:own_decisions", args=["hjalpmedelsradet"])))
    assert "Nytt sortiment" in html
    assert "Hjälpmedelsrådet beslutar" in html and "att anta rutinen" in html
    assert "2026-03-12" in html


# --- Patient-safety compilation (R-C6) --------------------------------------------------------

PS = "samverkansrad-patientsakerhet"


@pytest.fixture
def compiled(build):
    this_year = build.case(PS, "Fallprevention hemtjänst", raised_on=D(2026, 2, 10))
    build.case(PS, "Trycksår förra året", raised_on=D(2025, 5, 5))
    build.recommendation(this_year, build.meeting(PS, D(2026, 3, 20)), "Fallrutin")
    return this_year


def test_compilation_lists_the_cases_treated_in_the_year(client, compiled):
    response = client.get(reverse("cases:patient_safety_compilation") + "?ar=2026")
    html = text(response)
    assert "Fallprevention hemtjänst" in html and compiled.register_number in html
    assert "Trycksår förra året" not in html
    assert "2026-02-10: Väckt" in html and "2026-03-20: Rekommendation antagen" in html
    assert "Fallrutin" in html and "0 av 16 har beslutat" in html
    assert "Denna sammanställning är offentlig handling" in html
    assert response.context["years"] == [2026, 2025]
    earlier = text(client.get(reverse("cases:patient_safety_compilation") + "?ar=2025"))
    assert "Trycksår förra året" in earlier and "Fallprevention hemtjänst" not in earlier


def test_compilation_defaults_to_the_current_year(client, compiled):
    response = client.get(reverse("cases:patient_safety_compilation") + "?ar=nonsens")
    assert response.context["year"] == 2026


def test_compilation_pdf_holds_the_cases_of_the_year(client, compiled):
    response = client.get(reverse("cases:patient_safety_compilation_pdf", args=[2026]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdf_text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Fallprevention hemtjänst" in " ".join(pdf_text.split())
    assert "Trycksår förra året" not in pdf_text
    assert DESCRIPTION not in pdf_text
    assert (
        client.get(reverse("cases:patient_safety_compilation_pdf", args=[1999])).status_code == 404
    )


# --- Nothing internal anywhere ----------------------------------------------------------------


def test_no_description_or_proposal_on_any_public_page_or_export(client, published, compiled):
    public = published["public"]
    urls = [
        reverse("cases:recommendation_list"),
        public.get_absolute_url(),
        reverse("cases:balance_list", args=["lsg"]),
        reverse("cases:patient_safety_compilation") + "?ar=2026",
    ]
    for fmt in downloads.FORMATS:
        urls += [
            reverse("cases:recommendation_export", args=[fmt]),
            reverse("cases:recommendation_matrix_export", args=[public.pk, fmt]),
            reverse("cases:balance_list_export", args=["lsg", fmt]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = export_text(response, url.rsplit(".", 1)[-1])
        for secret in SECRETS:
            assert secret not in content, url


def test_balance_list_and_matrix_query_counts_stay_flat(
    client, build, django_assert_max_num_queries
):
    meeting = build.meeting()
    recommendations = [
        build.recommendation(build.case(title=f"Ärende {n}"), meeting, f"Rek {n}")
        for n in range(20)
    ]
    region = Principal.objects.get(side="region")
    for rec in recommendations[:10]:
        build.decide(rec, region)
    with django_assert_max_num_queries(6 + COUNTY_FACTS):
        response = client.get(reverse("cases:balance_list", args=["lsg"]))
    assert len(response.context["rows"]) == 20
    with django_assert_max_num_queries(6 + COUNTY_FACTS):
        client.get(reverse("cases:recommendation_detail", args=[recommendations[0].pk]))


# --- Decision status at a glance (/beslut/ bars and filters, principal pages) ------------------


def test_each_recommendation_has_a_stacked_bar_with_its_numbers_as_text(client, published):
    html = text(client.get(reverse("cases:recommendation_list")))
    card = html[html.index(published["public"].get_absolute_url()) :]
    card = card[: card.index("</li>\n  <li") if "</li>\n  <li" in card else None]
    assert (
        'role="img"' in card
        and 'aria-label="11 bifall, 0 delvis bifall, 1 avslag, 4 väntar' in card
    )
    assert (
        'width="11"' in card and 'x="11" y="0" width="1"' in card
    )  # approvals, then the rejection
    for label in ("11 bifall", "0 delvis bifall", "1 avslag", "4 väntar"):
        assert "<li class=" in card and label in card


def test_recommendations_filter_by_principal_year_and_status(client, published):
    principals = published["principals"]
    waiting_principal = principals[12]  # one of the four that have not decided
    decided_principal = principals[0]

    def titles(**query):
        html = text(client.get(reverse("cases:recommendation_list"), query))
        return {
            title
            for title in ("Rutin för SIP", "Läkemedelsrutin", "Ej expedierad")
            if title in html
        }

    assert titles() == {"Rutin för SIP", "Läkemedelsrutin"}
    assert titles(status="klar") == {"Läkemedelsrutin"}
    assert titles(status="vantar") == {"Rutin för SIP"}
    assert titles(principal=waiting_principal.pk) == {"Rutin för SIP"}
    assert titles(principal=waiting_principal.pk, status="klar") == set()
    assert titles(principal=decided_principal.pk, status="klar") == {"Rutin för SIP"}
    year = timezone.localdate().year
    assert titles(year=str(year)) == {"Rutin för SIP", "Läkemedelsrutin"}


@pytest.mark.parametrize(
    "query",
    [{"principal": "9" * 25}, {"principal": "abc"}, {"year": "1"}, {"status": "<script>"}],
)
def test_hostile_decision_filters_answer_400(client, published, query):
    response = client.get(reverse("cases:recommendation_list"), query)
    assert response.status_code == 400
    assert "Rutin för SIP" not in text(response)


def test_a_principal_page_lists_what_it_still_owes_and_for_how_long(client, published):
    waiting_principal = published["principals"][12]
    html = text(client.get(waiting_principal.get_absolute_url()))
    section = html[html.index('id="vantar-pa-beslut"') :]
    assert "Rutin för SIP" in section and "Läkemedelsrutin" not in section
    assert "Ej expedierad" not in html
    days = (timezone.localdate() - timezone.localdate(published["public"].expedited_at)).days
    assert f'data-label="Dagar sedan expediering">{days}</td>' in section


def test_a_principal_that_has_decided_everything_owes_nothing(client, published):
    html = text(client.get(published["principals"][0].get_absolute_url()))
    assert "har beslutat om alla rekommendationer" in html


def test_principal_page_query_count_stays_flat(client, build, django_assert_max_num_queries):
    meeting = build.meeting()
    for number in range(10):
        build.recommendation(build.case(title=f"Ärende {number}"), meeting, f"Rek {number}")
    umea = Principal.objects.get(slug="umea")
    with django_assert_max_num_queries(8 + COUNTY_FACTS):
        response = client.get(umea.get_absolute_url())
    assert text(response).count("Rek ") >= 10


def test_the_matrix_export_carries_the_comment_of_a_partial_approval(client, build):
    rec = build.recommendation(build.case(), build.meeting(), "Rutin")
    umea = Principal.objects.get(slug="umea")
    build.decide(rec, umea, DecisionOutcome.PARTLY_APPROVED)
    response = client.get(reverse("cases:recommendation_matrix_export", args=[rec.pk, "json"]))
    row = next(r for r in json.loads(body(response))["rows"] if r["principal"] == umea.name)
    assert (row["status"], row["comment"]) == ("Delvis bifall", "Utom uppföljningen.")


@pytest.mark.parametrize("value", ["abc", "123456789", "1999", "", "2026.5", "-2026"])
def test_a_compilation_year_that_is_no_compilation_year_shows_this_years(client, structure, value):
    response = client.get(reverse("cases:patient_safety_compilation"), {"ar": value})
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year
