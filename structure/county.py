"""The county whose structure runs here, as one small value every page, mail and feed can use.

Names and counts (how many municipalities, principals and groupings) are never written in code
or templates: they come from the `County` row and the principals and groupings that the
structure file loaded. The facts are kept in the cache under the structure version
(`structure.cache`), so a page pays no query for them beyond the version it reads anyway, and a
change made on one app server is seen on every other at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Min, Q

from lib.site import site_url
from structure.cache import current_version, request_version
from structure.models import County, Principal, Side

# Before any county is loaded (a fresh database), the site still reads well without one.
NEUTRAL_NAME = "Samverkan vård och omsorg"

NUMBER_WORDS = {
    1: "en",
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}


def number_word(n: int) -> str:
    """Swedish prose spells small numbers: "tre grupperingar", but "17 kommuner"."""
    return NUMBER_WORDS.get(n, str(n))


@dataclass(frozen=True)
class CountyFacts:
    name: str  # the county, "… län"
    short_name: str  # as in "vård och omsorg i …"
    code: str  # the county code, two digits
    collaboration_name: str  # the site's and the publisher's name
    organisation_number: str
    kolada_area: str  # the region's Kolada id, "00" + the county code
    own_calendar_domain: str  # set in the data, or empty for the site's host name
    region_name: str  # the region principal's name
    principal_count: int
    municipality_count: int
    grouping_count: int

    @property
    def groupings_text(self) -> str:
        """ "tre geografiska grupperingar"; empty when the county has none."""
        n = self.grouping_count
        if not n:
            return ""
        if n == 1:
            return "en geografisk gruppering"
        return f"{number_word(n)} geografiska grupperingar"

    @property
    def municipalities_text(self) -> str:
        """ "17 kommuner", "en kommun"."""
        n = self.municipality_count
        return "en kommun" if n == 1 else f"{n} kommuner"

    @property
    def structure_title(self) -> str:
        """ "Samverkansstrukturen för vård och omsorg i …"."""
        where = f" i {self.short_name}" if self.short_name else ""
        return f"Samverkansstrukturen för vård och omsorg{where}"

    @property
    def calendar_domain(self) -> str:
        """The right-hand side of every calendar UID: it must never change for a meeting."""
        return self.own_calendar_domain or urlsplit(site_url()).hostname or "localhost"

    @property
    def totp_issuer(self) -> str:
        return f"Samverkan {self.short_name}" if self.short_name else "Samverkan"

    @property
    def prodid(self) -> str:
        return f"-//{self.collaboration_name}//Samverkan//SV"


def load() -> CountyFacts:
    """Read the facts from the database (two small queries)."""
    county = County.objects.order_by("pk").first()
    counts = Principal.objects.aggregate(
        principals=Count("pk"),
        municipalities=Count("pk", filter=Q(side=Side.MUNICIPALITY)),
        # The groupings the municipalities form (an unused one forms nothing).
        groupings=Count("grouping", distinct=True),
        region=Min("name", filter=Q(side=Side.REGION)),
    )
    return CountyFacts(
        name=county.name if county else "",
        short_name=county.short_name if county else "",
        code=county.code if county else "",
        collaboration_name=county.collaboration_name if county else NEUTRAL_NAME,
        organisation_number=county.organisation_number if county else "",
        kolada_area=county.kolada_area if county else "",
        own_calendar_domain=county.calendar_domain if county else "",
        region_name=counts["region"] or "Regionen",
        principal_count=counts["principals"],
        municipality_count=counts["municipalities"],
        grouping_count=counts["groupings"],
    )


def _cached(version: int) -> CountyFacts:
    key = f"structure:{version}:county"
    facts = cache.get(key)
    if facts is None:
        facts = load()
        cache.set(key, facts, settings.STRUCTURE_CACHE_SECONDS)
    return facts


def current() -> CountyFacts:
    """The facts outside a request (mail, calendars, commands): one query for the version."""
    return _cached(current_version())


def for_request(request) -> CountyFacts:
    """The facts for a page, under the structure version the request has read anyway."""
    attr = "_county_facts"
    if not hasattr(request, attr):
        setattr(request, attr, _cached(request_version(request)))
    return getattr(request, attr)
