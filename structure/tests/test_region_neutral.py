"""Region-neutral: another county runs its own structure from its own file (issue 17).

A made-up county (`data/fiktiva_lan.yaml`: 1 region + 7 municipalities, two groupings) is
loaded into an empty database, a little data is made through the services, and the public and
signed-in pages, feeds, open data and mail are crawled: nothing may name Västerbotten or count
its principals, and a recommendation is finished after that county's number of decisions. The
same crawl over the built-in Västerbotten structure is the positive twin: there the names are
found, so the check can fail.
"""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from cases import services as case_services
from cases.models import Case, CaseStatus, Recommendation
from lib.dates import TZ
from meetings import services as meeting_services
from meetings.models import CalendarFeed, Meeting, MinutesStatus
from news import services as news_services
from structure.loader import load_structure, read_data_file
from structure.models import Group, MembershipKind, Position, Principal, Side
from testing import counties
from testing.builders import PASSWORD, coordinator_user, person, registrar_user, seat

# Many seconds each: first in `make test`'s order, left out of `make test-fast`.
pytestmark = pytest.mark.slow

# Names and counts of Västerbotten that must not reach another county's pages, mail or feeds.
FORBIDDEN = (
    "Västerbotten",
    "vasterbotten",
    "Umeå",
    "Skellefteå",
    "15 kommuner",
    "16 huvudmän",
    "alla 16",
    "Alla 16",
    "av 16 ",
    "0024",
    'data-label="Kod">24<',  # the county code in the principals' table
    "LSG",
)
# Random values a page or mail carries (CSRF tokens, UUIDs, secret addresses and reset links)
# are left out of the check: "LSG" or "0024" may turn up in them by chance.
RANDOM = re.compile(
    r'name="csrfmiddlewaretoken" value="[^"]*"'
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|/kalender/ledamot/[^/\s]+\.ics"
    r"|/losenord/aterstall/[^/\s]+/[^/\s]+/"
    r"|arshjul-[0-9a-f]+@"
)


def _pattern(word: str) -> re.Pattern:
    """The word where it starts a word (not inside "T120024Z" or a longer number)."""
    end = r"(?![0-9])" if word[-1].isdigit() else ""
    return re.compile(r"(?<![0-9A-Za-z])" + re.escape(word) + end)


PATTERNS = {word: _pattern(word) for word in FORBIDDEN}

# Never fetched: sign-out, the admin, binary downloads (PDF, Excel, papers, documents).
SKIPPED = re.compile(r"^/(admin/|logga-ut/)|\.(pdf|xlsx)(\?|$)|/pdf/$|^/underlag/|/handling/\d")
HREF = re.compile(r'href="(/[^"#]*)')
MAX_PAGES = 150
# At most this many URLs of one shape: the same path but for numbers (ids, months, years) and
# the slug of a group or principal. Every kind of page is reached, not every row of a list.
PER_SHAPE = 3
SLUGGED = re.compile(r"/(grupper|huvudman|kalender/grupp|uppfoljning/grupp)/[^/]+")


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TZ)


@dataclass
class World:
    coordinator: User
    member: User
    group: Group
    meeting: Meeting
    minutes_pk: int
    case: Case
    recommendation: Recommendation
    feed_token: str
    mails: list


def build_world(capture) -> World:
    """A member, two meetings (one held with approved minutes, one coming with its kallelse
    sent), a case and a recommendation expedited to every principal of whatever county is
    loaded, all through the services; the group is found by what the data says it does."""
    today = timezone.localdate()
    coordinator = coordinator_user("koord")
    group = Group.objects.filter(gives_recommendations=True, reports_to__isnull=False).first()
    first, second = Principal.objects.filter(side=Side.MUNICIPALITY).order_by("name")[:2]
    region = Principal.objects.get(side=Side.REGION)

    chair = person("Ordf", principal=first.slug)
    seat(chair, group.slug, position=Position.CHAIR)
    seat(person("Vice", principal=region.slug), group.slug, position=Position.VICE_CHAIR)
    member_person = person("Ledamot", principal=second.slug)
    ordinary = seat(member_person, group.slug)
    seat(
        person("Ersatt", principal=second.slug),
        group.slug,
        kind=MembershipKind.SUBSTITUTE,
        substitute_for=ordinary,
    )
    member = User.objects.create_user(
        "ledamot-x", password=PASSWORD, person=member_person, email=member_person.email
    )
    chair_user = User.objects.create_user("ordf-x", password=PASSWORD, person=chair)
    for principal in Principal.objects.all():
        registrar_user(f"reg-{principal.slug}", principal=principal.slug)

    held_day = today - datetime.timedelta(days=30)
    held = meeting_services.book_meeting(
        group=group,
        starts_at=at(held_day, 9),
        ends_at=at(held_day, 12),
        form="in_person",
        location="Regionens hus",
        by=coordinator,
    )
    minutes = meeting_services.draft_minutes(meeting=held, by=coordinator)
    meeting_services.save_minutes(
        minutes=minutes,
        by=coordinator,
        summary="Mötet hölls.",
        justeringsperson=member_person,
        items=[],
    )
    meeting_services.send_minutes_for_approval(minutes=minutes, by=coordinator)
    meeting_services.approve_minutes(minutes=minutes, by=chair_user)
    minutes = meeting_services.approve_minutes(minutes=minutes, by=member)
    assert minutes.status == MinutesStatus.APPROVED

    coming_day = today + datetime.timedelta(days=20)
    meeting = meeting_services.book_meeting(
        group=group,
        starts_at=at(coming_day, 9),
        ends_at=at(coming_day, 12),
        form="video",
        link="https://video.example/mote",
        by=coordinator,
    )
    case = case_services.raise_case(
        group=group,
        by=coordinator,
        submitted_by=member_person,
        title="Gemensam rutin för hemgång",
        description="Kort beskrivning.",
        proposal="Att ta fram en rutin.",
        raised_on=held_day - datetime.timedelta(days=10),
    )
    recommendation = case_services.adopt_recommendation(
        case=case,
        meeting=held,
        by=coordinator,
        title="Rutin för hemgång",
        decisions="att anta rutinen",
    )
    news_services.publish_news(by=coordinator, title="Nytt från samverkan", body="Text.")
    mail.outbox.clear()
    with capture(execute=True):
        meeting_services.send_kallelse(meeting=meeting, by=coordinator)
        case_services.expedite(recommendation=recommendation, by=coordinator)
    return World(
        coordinator=coordinator,
        member=member,
        group=group,
        meeting=meeting,
        minutes_pk=minutes.pk,
        case=case,
        recommendation=recommendation,
        feed_token=CalendarFeed.objects.create(person=member_person).token,
        mails=list(mail.outbox),
    )


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    """The text of every page reached from `seeds` by following the site's own links
    (breadth first, seeds before what they link to), at most MAX_PAGES of them."""
    queue, seen, shapes, texts = list(seeds), set(), {}, {}
    while queue and len(texts) < MAX_PAGES:
        url = queue.pop(0)
        shape = SLUGGED.sub(r"/\1/*", re.sub(r"\d+", "#", url))
        if url in seen or SKIPPED.search(url) or shapes.get(shape, 0) >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        texts[url] = _text(response)
        if "html" in response.get("Content-Type", ""):
            queue += [html.unescape(href) for href in HREF.findall(texts[url])]
    return texts


def everything(world: World, client: Client) -> dict[str, str]:
    """Public pages as a visitor, the signed-in pages as coordinator and member, the mail of the
    kallelse, the expedition and a password reset, and the two-factor issuer."""
    year = timezone.localdate().year
    group = world.group.slug
    public = [
        "/",
        "/grupper/",
        f"/grupper/{group}/",
        "/huvudman/",
        "/moten/",
        "/moten/?tid=tidigare",
        f"/moten/{world.meeting.pk}/",
        "/minnesanteckningar/",
        f"/minnesanteckningar/{world.minutes_pk}/",
        "/beslut/",
        f"/beslut/{world.recommendation.pk}/",
        "/beslut/export.csv",
        "/beslut/export.json",
        "/kalender/alla.ics",
        f"/kalender/grupp/{group}.ics",
        f"/moten/{world.meeting.pk}/kalender.ics",
        "/nyheter/",
        "/nyheter/rss.xml",
        "/nyheter/atom.xml",
        "/data/",
        "/data/katalog.jsonld",
        "/oparl/v1/",
        "/oparl/v1/bodies/",
        "/oparl/v1/body/samverkan/",
        "/oparl/v1/body/samverkan/organizations/",
        "/oparl/v1/body/samverkan/papers/",
        "/uppfoljning/",
        "/uppfoljning/indikatorer/",
        f"/arshjul/?ar={year}",
        f"/arshjul/{year}.ics",
        "/organisationsschema.svg",
        "/tillganglighet/",
        "/arbetsgrupper/",
        "/logga-in/",
        "/losenord/aterstall/",
        "/api/v1/principals",
        "/api/v1/groups",
    ]
    texts = crawl(client, public)

    coordinator = Client()
    coordinator.force_login(world.coordinator)
    texts |= {
        f"koordinator {url}": text
        for url, text in crawl(
            coordinator,
            [
                f"/planering/?ar={year}",
                "/arenden/",
                f"/arenden/{world.case.pk}/",
                "/arenden/nytt/",
                f"/beslut/{world.recommendation.pk}/expediera/",
                f"/moten/{world.meeting.pk}/hantera/",
                "/regelkontroll/",
                "/att-gora/",
                "/registrator/",
                "/uppfoljning/hantera/",
                "/uppfoljning/genomforande/",
                "/revisioner/",
                "/nya-ledamoter/anmal/",
                "/granskning/",
                "/sok/?q=rutin",
            ],
        ).items()
    }
    member = Client()
    member.force_login(world.member)
    texts |= {
        f"ledamot {url}": text
        for url, text in crawl(
            member,
            ["/mitt/", "/mina-moten/", f"/kalender/ledamot/{world.feed_token}.ics"],
        ).items()
    }

    mail.outbox.clear()
    client.post("/losenord/aterstall/", {"email": world.member.email})
    for n, message in enumerate([*world.mails, *mail.outbox]):
        attached = "".join(
            content.decode() if isinstance(content, bytes) else str(content)
            for _name, content, _type in message.attachments
        )
        texts[f"mail {n}: {message.subject}"] = f"{message.subject}\n{message.body}\n{attached}"
    device = TOTPDevice(user=world.coordinator, name="app")
    texts["two-factor app"] = device.config_url
    return texts


def traces(texts: dict[str, str]) -> dict[str, list[str]]:
    """Each forbidden string and where it was found."""
    texts = {where: RANDOM.sub("", text) for where, text in texts.items()}
    found = {
        word: [where for where, text in texts.items() if pattern.search(text)]
        for word, pattern in PATTERNS.items()
    }
    return {word: where for word, where in found.items() if where}


def decide_all(world: World) -> list[CaseStatus]:
    """Every addressed principal decides (the coordinator registers on its behalf); the case's
    status after each decision."""
    statuses = []
    for addressee in world.recommendation.addressees.select_related("principal").order_by("pk"):
        case_services.register_decision(
            addressee=addressee,
            by=world.coordinator,
            outcome="approved",
            body=addressee.principal.decision_bodies.first(),
            decided_on=timezone.localdate(),
            reference="§ 1",
        )
        statuses.append(Case.objects.get(pk=world.case.pk).status)
    return statuses


def test_another_county_runs_on_its_own_file_without_a_trace_of_vasterbotten(
    empty_database, client, django_capture_on_commit_callbacks
):
    load_structure(counties.fictional())
    world = build_world(django_capture_on_commit_callbacks)
    texts = everything(world, client)

    assert traces(texts) == {}
    assert len(texts) > 120  # the crawl reached the site, not only its seeds
    # Its own names and counts instead, from the data.
    assert "Samverkan hälsa och omsorg Fjällmark" in texts["/"]
    assert "länets 7 kommuner och Region Fjällmark" in texts["/"]
    assert "De 8 huvudmännen" in texts["/huvudman/"]
    assert "Kommunerna bildar två geografiska grupperingar" in texts["/huvudman/"]
    assert "Berörda huvudmän (inget val = alla 8)" in texts["koordinator /arenden/nytt/"]
    assert "Alla 8" in texts[f"koordinator /arenden/{world.case.pk}/"]
    planning = f"koordinator /planering/?ar={timezone.localdate().year}"
    assert "Beredningarna mot Länsgruppen" in texts[planning]
    calendar = texts["/kalender/alla.ics"]
    assert "PRODID:-//Samverkan hälsa och omsorg Fjällmark//" in calendar
    assert f"@{urlsplit(settings.SITE_URL).hostname}" in calendar  # no domain in the file
    assert "issuer=Samverkan%20Fj%C3%A4llmark" in texts["two-factor app"]
    subjects = [where for where in texts if where.startswith("mail")]
    assert any("Kallelse" in s for s in subjects) and any("Rekommendation" in s for s in subjects)


def test_the_same_crawl_over_vasterbotten_finds_its_names(
    structure, client, django_capture_on_commit_callbacks
):
    world = build_world(django_capture_on_commit_callbacks)
    found = traces(everything(world, client))
    assert "Västerbotten" in found and "15 kommuner" in found
    assert any(where.startswith("mail") for where in found["Västerbotten"])


@pytest.mark.parametrize(("county", "principals"), [("fictional", 8), ("vasterbotten", 16)])
def test_a_recommendation_is_finished_after_the_countys_number_of_decisions(
    empty_database, django_capture_on_commit_callbacks, county, principals
):
    load_structure(counties.fictional() if county == "fictional" else read_data_file())
    world = build_world(django_capture_on_commit_callbacks)
    statuses = decide_all(world)
    assert len(statuses) == principals
    assert CaseStatus.FINISHED not in statuses[:-1]
    assert statuses[-1] == CaseStatus.FINISHED


def test_a_county_without_groupings_reads_well(empty_database, client):
    load_structure(counties.without_groupings(counties.fictional()))
    page = client.get("/huvudman/").content.decode()
    assert "De 8 huvudmännen" in page
    assert "Region Fjällmark och länets 7 kommuner." in page
    assert "ruppering" not in page  # neither the sentence nor the column
    for name in ("Älvby", "Norrbacka", "Sjövik", "Granlid", "Myrheden", "Björkå", "Tallnäs"):
        assert f">{name}</a>" in page
    assert "Länets 7 kommuner och Region Fjällmark" in client.get("/").content.decode()
    client.force_login(coordinator_user())
    assert client.get("/regelkontroll/").status_code == 200


def test_the_chair_rule_with_fixed_sides_reads_in_words_on_the_group_page(empty_database, client):
    load_structure(counties.fictional())
    page = client.get("/grupper/ledningsradet/").content.decode()
    assert "Ordföranden kommer från kommunerna och vice ordföranden från regionen." in page
