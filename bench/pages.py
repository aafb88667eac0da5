"""Which pages `make bench` measures, with ids and slugs picked from the demo so that the same
page is measured at both volumes (and the demo objects chosen are the ones the seeded volume
makes heavy: LSG, Region Västerbotten, the "ledamot" account's groups)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from bench.budget import EXPORT, FEED, PAGE
from cases.models import Case, Recommendation
from meetings.models import CalendarFeed, Meeting, Minutes, MinutesStatus
from structure.models import Group, Principal

COORDINATOR, MEMBER, REGISTRAR = "koordinator", "ledamot", "registrator-region"
DEMO_GROUP = "lsg"
SEARCH_WORD = "utskrivning"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    role: str | None = None
    kind: str = PAGE
    # Exports: a filtered export of about 1% of the national volume, for the memory budget.
    reference: str | None = None
    national_only: bool = False


def _resolves(path: str) -> bool:
    try:
        resolve(path.split("?")[0])
    except Resolver404:
        return False
    return True


def demo_pages() -> tuple[list[Page], list[str]]:
    """The pages, and notes on what was skipped and why."""
    notes: list[str] = []
    lsg = Group.objects.get(slug=DEMO_GROUP)
    own = Group.objects.filter(decides_itself=True).order_by("order", "pk").first()
    region = Principal.objects.filter(side="region").order_by("pk").first()
    minutes = (
        Minutes.objects.filter(
            status=MinutesStatus.APPROVED, meeting__group=lsg, superseded_by__isnull=True
        )
        .order_by("-meeting__starts_at")
        .first()
    )
    meeting = minutes.meeting if minutes else Meeting.objects.filter(group=lsg).first()
    recommendation = Recommendation.objects.expedited().order_by("-expedited_at").first()
    case = Case.objects.filter(current_group=lsg).order_by("-year", "-serial").first()
    month = timezone.localdate().strftime("%Y-%m")
    year = timezone.localdate().year
    member_feed = _member_feed_token()

    pages = [
        Page("start", "/"),
        Page("grupper", "/grupper/"),
        Page("grupp LSG", f"/grupper/{lsg.slug}/"),
        Page("huvudmän", "/huvudman/"),
        Page("huvudman region", f"/huvudman/{region.slug}/"),
        Page("regelkontroll", "/regelkontroll/", COORDINATOR),
        Page("möten", "/moten/"),
        Page("möten grupp+år", f"/moten/?group={lsg.pk}&year={year}"),
        Page("möten tidigare", "/moten/?tid=tidigare"),
        Page("möte", f"/moten/{meeting.pk}/"),
        Page("möten månad", f"/moten/manad/{month}/"),
        Page("minnesanteckningar", "/minnesanteckningar/"),
        Page("minnesanteckningar ?q", f"/minnesanteckningar/?q={SEARCH_WORD}"),
        Page("beslut", "/beslut/"),
        Page("beslut huvudman+år", f"/beslut/?principal={region.pk}&year={year - 1}"),
        Page("beslut väntar", f"/beslut/?principal={region.pk}&status=vantar"),
        Page("balanslista LSG", f"/grupper/{lsg.slug}/balanslista/"),
        Page("balanslista LSG intern", f"/grupper/{lsg.slug}/balanslista/", MEMBER),
        Page("ärenden ledamot", "/arenden/", MEMBER),
        Page("ärenden ledamot ?q", f"/arenden/?q={SEARCH_WORD}", MEMBER),
        Page("ärenden koordinator", "/arenden/", COORDINATOR),
        Page("ärenden koordinator ?q", f"/arenden/?q={SEARCH_WORD}", COORDINATOR),
        Page("registrator", "/registrator/", REGISTRAR),
        Page("registrator koordinator", "/registrator/", COORDINATOR),
        Page("planering", "/planering/", COORDINATOR),
        Page("att göra", "/att-gora/", COORDINATOR),
        Page("mitt", "/mitt/", MEMBER),
        Page("mina möten", "/mina-moten/", MEMBER),
        Page("uppföljning", "/uppfoljning/"),
        Page("nyheter", "/nyheter/"),
        Page("arbetsgrupper", "/arbetsgrupper/", COORDINATOR),
        Page("årshjul", "/arshjul/", COORDINATOR),
        Page("data", "/data/"),
        Page("api huvudmän", "/api/v1/principals"),
        Page("api grupper", "/api/v1/groups"),
        Page("api möten", "/api/v1/meetings"),
        Page("api minnesanteckningar", "/api/v1/minutes"),
        Page("api rekommendationer", "/api/v1/recommendations"),
        Page("api balanslista LSG", f"/api/v1/groups/{lsg.slug}/balance-list"),
        Page("oparl bodies", "/oparl/v1/bodies/"),
    ]
    if minutes:
        pages.append(Page("minnesanteckning", f"/minnesanteckningar/{minutes.pk}/"))
    if recommendation:
        pages.append(Page("rekommendation", f"/beslut/{recommendation.pk}/"))
    if case:
        pages.append(Page("ärende", f"/arenden/{case.pk}/", COORDINATOR))
    if own:
        pages.append(Page("egna beslut", f"/grupper/{own.slug}/egna-beslut/"))
        pages.append(Page("api egna beslut", f"/api/v1/groups/{own.slug}/own-decisions"))
    pages += _oparl_pages()
    pages += [
        Page("kalender alla", "/kalender/alla.ics", kind=FEED),
        Page("kalender LSG", f"/kalender/grupp/{lsg.slug}.ics", kind=FEED),
        Page("nyheter rss", "/nyheter/rss.xml", kind=FEED),
        Page("organisationsschema", "/organisationsschema.svg", kind=FEED),
    ]
    if member_feed:
        pages.append(Page("kalender ledamot", f"/kalender/ledamot/{member_feed}.ics", kind=FEED))
    for fmt in ("csv", "xlsx", "json"):
        pages.append(
            Page(
                f"beslut export {fmt}",
                f"/beslut/export.{fmt}",
                kind=EXPORT,
                reference=f"/beslut/export.{fmt}?principal={_small_principal_pk(region)}",
            )
        )
    for fmt in ("csv", "xlsx", "json"):
        pages.append(
            Page(
                f"balanslista export {fmt}",
                f"/grupper/{lsg.slug}/balanslista/export.{fmt}",
                kind=EXPORT,
            )
        )
    pages.append(Page("processmått export csv", "/uppfoljning/processmatt.csv", kind=EXPORT))
    if _resolves("/sok/"):
        pages.append(Page("sök", f"/sok/?q={SEARCH_WORD}"))
        pages.append(Page("sök ledamot", f"/sok/?q={SEARCH_WORD}", MEMBER))
    else:
        notes.append("/sok/ finns inte (ännu): sökningen mäts inte.")
    return pages, notes


def national_only_pages() -> list[Page]:
    """Pages of seeded objects, which exist only at national volume."""
    seeded = Group.objects.filter(slug__startswith="testgrupp-").order_by("pk").first()
    if seeded is None:
        return []
    return [
        Page("grupp (seedad)", f"/grupper/{seeded.slug}/", national_only=True),
        Page("balanslista (seedad)", f"/grupper/{seeded.slug}/balanslista/", national_only=True),
    ]


def _member_feed_token() -> str | None:
    """The "ledamot" account's calendar address (created for the bench if missing)."""
    from accounts.models import User

    user = User.objects.filter(username=MEMBER).select_related("person").first()
    if user is None or user.person is None:
        return None
    feed, _ = CalendarFeed.objects.get_or_create(person=user.person)
    return feed.token


def _small_principal_pk(region: Principal) -> int:
    """A municipality of the demo: about 1/50 of the national decisions are addressed to it."""
    municipality = Principal.objects.exclude(pk=region.pk).order_by("code").first()
    return (municipality or region).pk


def _oparl_pages() -> list[Page]:
    try:
        from oparl.serializers import BODY_KEY

        reverse("oparl:meeting_list", args=[BODY_KEY])
    except (ImportError, NoReverseMatch):
        return []
    return [
        Page(f"oparl {name}", f"/oparl/v1/body/{BODY_KEY}/{name}/")
        for name in ("organizations", "persons", "meetings", "agendaitems", "papers")
    ]
