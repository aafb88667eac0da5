"""The open-data catalogue: the datasets, as data, and their DCAT-AP-SE description.

DCAT-AP-SE is the Swedish application profile of DCAT-AP that dataportal.se harvests. The
catalogue is an RDF graph (`graph()`, built with rdflib) served as RDF/XML (what the portal
harvests), Turtle and JSON-LD at /data/katalog (see `opendata.views`); the same datasets are the
/data/ page. Every node has an IRI (no blank nodes), built from the configured site address.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, SKOS

from cases.public_selectors import patient_safety_group
from structure.county import CountyFacts
from structure.models import Group, SpecialRole

LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENSE_LABEL = "CC0 1.0 (fri användning utan villkor)"
EU = "http://publications.europa.eu/resource/authority/"
THEME_SCHEME = EU + "data-theme"
THEME_HEALTH = THEME_SCHEME + "/HEAL"
THEME_GOVERNMENT = THEME_SCHEME + "/GOVE"
# The Swedish labels of the EU vocabularies' concepts used here (the catalogue cannot rely on a
# harvester dereferencing them; DCAT-AP requires a skos:prefLabel on every skos:Concept).
CONCEPT_LABELS = {
    THEME_HEALTH: "Hälsa",
    THEME_GOVERNMENT: "Regeringen och den offentliga sektorn",
}
FREQUENCIES = {
    "CONT": "Löpande",
    "IRREG": "Oregelbundet",
    "ANNUAL": "Årligen",
}
FORMATS = {
    "JSON": ("application/json", "JSON"),
    "CSV": ("text/csv", "CSV"),
    "XLSX": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "PDF": ("application/pdf", "PDF"),
    "ICS": ("text/calendar", "ICS"),
}


@dataclass(frozen=True)
class Distribution:
    title: str
    url: str
    fmt: str
    key: str  # stable within its dataset: the distribution's IRI is made from it


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    frequency: str
    keywords: tuple[str, ...]
    distributions: tuple[Distribution, ...] = field(default_factory=tuple)
    theme: str = THEME_HEALTH


def _group_datasets(api: str) -> list[Dataset]:
    """The datasets that exist per group: each only where the structure has such a group, and
    linked to the group the data names (never to one county's slugs)."""
    found = []
    recommending = Group.objects.filter(gives_recommendations=True).order_by("order", "name")
    if example := recommending.first():
        found.append(
            Dataset(
                "balanslistor",
                "Balanslistor",
                "Varje grupps publika balanslista: ärenden med expedierade rekommendationer, var "
                "de står, vem de väntar på och sedan när.",
                "CONT",
                ("balanslista", "ärende"),
                (
                    Distribution(
                        f"API (JSON), per grupp, t.ex. {example.display_name}",
                        f"{api}/groups/{example.slug}/balance-list",
                        "JSON",
                        "api",
                    ),
                ),
            )
        )
    # R-G6: the council with its own decision register, the group the data gives that role.
    if deciding := Group.objects.with_role(SpecialRole.ASSISTIVE_DEVICES).first():
        found.append(
            Dataset(
                "egna-beslut",
                f"Egna beslut: {deciding.name}",
                f"Beslut som {deciding.name} fattar inom sitt eget mandat.",
                "IRREG",
                ("beslut", "mandat"),
                (
                    Distribution(
                        "API (JSON)", f"{api}/groups/{deciding.slug}/own-decisions", "JSON", "api"
                    ),
                ),
            )
        )
    if council := patient_safety_group():
        found.append(
            Dataset(
                "patientsakerhet",
                f"Sammanställning från {council.name}",
                "Årlig sammanställning av de ärenden rådet har hanterat, med datum, utfall och "
                "eventuella rekommendationer.",
                "ANNUAL",
                ("patientsäkerhet", "sammanställning"),
                (Distribution("API (JSON)", f"{api}/patient-safety/compilation", "JSON", "api"),),
            )
        )
    return found


def datasets() -> list[Dataset]:
    api = "/api/v1"
    oparl = reverse("oparl:system")
    return [
        Dataset(
            "beslut",
            "Rekommendationer och huvudmännens beslut",
            "Expedierade rekommendationer från samverkansstrukturen med varje huvudmans beslut "
            "(bifall, delvis bifall eller avslag), beslutsinstans, datum och paragraf.",
            "CONT",
            ("rekommendation", "beslut", "huvudman", "vård och omsorg"),
            (
                Distribution("API (JSON)", f"{api}/recommendations", "JSON", "api"),
                Distribution(
                    "Tabell (CSV)",
                    reverse("cases:recommendation_export", args=["csv"]),
                    "CSV",
                    "csv",
                ),
                Distribution(
                    "Tabell (Excel)",
                    reverse("cases:recommendation_export", args=["xlsx"]),
                    "XLSX",
                    "xlsx",
                ),
                Distribution("OParl (Paper)", oparl, "JSON", "oparl"),
            ),
        ),
        Dataset(
            "moten",
            "Möten i samverkansstrukturen",
            "Tid, plats, mötesform och grupp för de möten som visas i den publika kalendern, "
            "också inställda möten.",
            "CONT",
            ("möte", "kalender", "samverkan"),
            (
                Distribution("API (JSON)", f"{api}/meetings", "JSON", "api"),
                Distribution("Kalender (iCalendar)", reverse("meetings:public_feed"), "ICS", "ics"),
                Distribution("OParl (Meeting)", oparl, "JSON", "oparl"),
            ),
            THEME_GOVERNMENT,
        ),
        Dataset(
            "minnesanteckningar",
            "Justerade minnesanteckningar",
            "Minnesanteckningar som har justerats och är offentliga handlingar, med punkter och "
            "att-satser. Rättelser publiceras som nya versioner.",
            "CONT",
            ("minnesanteckningar", "protokoll", "att-satser"),
            (
                Distribution("API (JSON)", f"{api}/minutes", "JSON", "api"),
                Distribution("OParl (File, AgendaItem)", oparl, "JSON", "oparl"),
            ),
            THEME_GOVERNMENT,
        ),
        *_group_datasets(api),
        Dataset(
            "strukturen",
            "Samverkansstrukturen: huvudmän, grupper och ledamöter",
            "Huvudmännen, grupperna med uppdragsbeskrivningar (nuvarande och tidigare) och "
            "ledamöternas namn, huvudman och roll. Inga kontaktuppgifter.",
            "IRREG",
            ("huvudman", "grupp", "ledamot", "uppdragsbeskrivning"),
            (
                Distribution("API (JSON), huvudmän", f"{api}/principals", "JSON", "api-huvudman"),
                Distribution("API (JSON), grupper", f"{api}/groups", "JSON", "api-grupper"),
                Distribution("OParl (Organization, Person, Membership)", oparl, "JSON", "oparl"),
            ),
            THEME_GOVERNMENT,
        ),
        Dataset(
            "processmatt",
            "Processmått för samverkan",
            "Räknas ur produktens egna data per år, för hela strukturen och per grupp: hållna "
            "möten mot regeln, kallelser i tid, dagar till publika minnesanteckningar, närvaro "
            "och ledtider från väckt ärende till huvudmännens beslut.",
            "CONT",
            ("uppföljning", "processmått", "samverkan"),
            (
                Distribution("API (JSON)", f"{api}/measures", "JSON", "api"),
                Distribution(
                    "Tabell (CSV)",
                    reverse("followup:process_export", args=["csv"]),
                    "CSV",
                    "csv",
                ),
            ),
            THEME_GOVERNMENT,
        ),
        Dataset(
            "resultatindikatorer",
            "Resultatindikatorer",
            "Indikatorer som ledningsseminariet följer, per huvudman, region och riket per år "
            "(till exempel vårddagar för utskrivningsklara patienter). Källan anges per "
            "indikator.",
            "ANNUAL",
            ("uppföljning", "indikator", "Kolada"),
            (Distribution("API (JSON)", f"{api}/indicators", "JSON", "api"),),
        ),
    ]


# --- The catalogue as RDF (DCAT-AP-SE) -----------------------------------------------------------

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA = "https://www.iana.org/assignments/media-types/"
ACCESS_PUBLIC = EU + "access-right/PUBLIC"
LANGUAGE_SWEDISH = EU + "language/SWE"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/RegionalAuthority"
AVAILABILITY_STABLE = EU + "planned-availability/STABLE"
LICENSE_TYPE = "http://purl.org/adms/licencetype/PublicDomain"
CONCEPT_LABELS |= {
    PUBLISHER_TYPE: "Regional myndighet",
    AVAILABILITY_STABLE: "Stabil",
    LICENSE_TYPE: "Allmän egendom",
}
DATAPORTAL_ORGANISATION = "http://dataportal.se/organisation/SE"
OPENAPI_STANDARD = "https://spec.openapis.org/oas/v3.1.0"
OPARL_STANDARD = "https://schema.oparl.org/1.1/"
OPARL_SPECIFICATION = "https://oparl.org/spezifikation/"
CATALOGUE_PATH = "/data/katalog"
SERVICE_API, SERVICE_OPARL = "api", "oparl"


@dataclass(frozen=True)
class Span:
    """What the data says about a dataset's time: first and last record (DCAT issued and
    modified) and the period the records cover (temporal)."""

    issued: datetime.datetime | None
    modified: datetime.datetime | None
    start: datetime.date | None
    end: datetime.date | None


def _span(queryset, *, issued: str, modified: str, start: str, end: str) -> Span | None:
    found = queryset.aggregate(
        issued=Min(issued), modified=Max(modified), start=Min(start), end=Max(end)
    )
    if found["issued"] is None:
        return None

    def day(value):
        return timezone.localdate(value) if isinstance(value, datetime.datetime) else value

    return Span(found["issued"], found["modified"], day(found["start"]), day(found["end"]))


def _spans() -> dict[str, Span | None]:
    """The datasets whose records carry dates (the others get no dates rather than made-up
    ones)."""
    from cases.models import Recommendation
    from meetings.models import Meeting, Minutes

    decisions = Recommendation.objects.expedited()
    return {
        "beslut": _span(
            decisions,
            issued="expedited_at",
            modified="expedited_at",
            start="expedited_at",
            end="expedited_at",
        ),
        "moten": _span(
            Meeting.objects.filter(is_public=True),
            issued="created_at",
            modified="updated_at",
            start="starts_at",
            end="ends_at",
        ),
        "minnesanteckningar": _span(
            Minutes.objects.public_records(),
            issued="approved_at",
            modified="approved_at",
            start="meeting__starts_at",
            end="meeting__starts_at",
        ),
    }


def publisher_iri(base_url: str, county: CountyFacts) -> str:
    """The publisher as dataportal.se names a public organisation (`…/organisation/SE<number>`):
    the setting if given, else from the county's organisation number, else the site's own."""
    if settings.OPEN_DATA_PUBLISHER_IRI:
        return settings.OPEN_DATA_PUBLISHER_IRI
    if digits := re.sub(r"\D", "", county.organisation_number):
        return DATAPORTAL_ORGANISATION + digits
    return f"{base_url}{CATALOGUE_PATH}#utgivare"


def contact_email() -> str:
    """The catalogue's contact address, or "" when none is configured (then there is no
    contact point; `opendata.checks` refuses that in production)."""
    return settings.OPEN_DATA_CONTACT_EMAIL.strip()


def _typed(graph: Graph, iri: str, kind: URIRef) -> URIRef:
    node = URIRef(iri)
    graph.add((node, RDF.type, kind))
    return node


def _concept(graph: Graph, iri: str) -> URIRef:
    node = _typed(graph, iri, SKOS.Concept)
    graph.add((node, SKOS.prefLabel, _sv(CONCEPT_LABELS[iri])))
    return node


def _sv(text: str) -> Literal:
    return Literal(text, lang="sv")


def _moment(value: datetime.datetime) -> Literal:
    return Literal(value.astimezone(datetime.UTC).replace(microsecond=0), datatype=XSD.dateTime)


def graph(base_url: str, county: CountyFacts) -> Graph:
    """The catalogue as a DCAT-AP-SE graph; `base_url` (the configured site address) makes every
    IRI absolute."""
    base = base_url.rstrip("/")
    here = f"{base}{CATALOGUE_PATH}#"
    g = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("locn", LOCN),
        ("dcatap", DCATAP),
    ):
        g.bind(prefix, namespace)

    catalog = _typed(g, base + CATALOGUE_PATH, DCAT.Catalog)
    publisher = _typed(g, publisher_iri(base, county), FOAF.Agent)
    g.add((publisher, FOAF.name, _sv(_publisher_name(county))))
    g.add((publisher, DCTERMS.type, _concept(g, PUBLISHER_TYPE)))
    if county.organisation_number:
        g.add((publisher, DCTERMS.identifier, Literal(county.organisation_number)))
    contact = None
    if email := contact_email():
        contact = _typed(g, here + "kontakt", VCARD.Organization)
        g.add((contact, RDF.type, VCARD.Kind))
        g.add((contact, VCARD.fn, Literal(county.collaboration_name)))
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))
    license_ = _typed(g, LICENSE, DCTERMS.LicenseDocument)
    g.add((license_, DCTERMS.type, _concept(g, LICENSE_TYPE)))
    access = _typed(g, ACCESS_PUBLIC, DCTERMS.RightsStatement)
    swedish = _typed(g, LANGUAGE_SWEDISH, DCTERMS.LinguisticSystem)
    spatial = None
    if county.name:
        spatial = _typed(g, here + "omrade", DCTERMS.Location)
        g.add((spatial, SKOS.prefLabel, _sv(county.name)))
        g.add((spatial, LOCN.geographicName, _sv(county.name)))
        if county.code:
            g.add((spatial, DCTERMS.identifier, Literal(county.code)))

    g.add((catalog, DCTERMS.title, _sv("Öppna data från Samverkan")))
    title = county.structure_title
    g.add((catalog, DCTERMS.description, _sv(f"Öppna data från {title[0].lower()}{title[1:]}.")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, license_))
    g.add((catalog, DCTERMS.language, swedish))
    g.add((catalog, FOAF.homepage, _typed(g, base + "/", FOAF.Document)))
    themes = _typed(g, THEME_SCHEME, SKOS.ConceptScheme)
    g.add((themes, DCTERMS.title, _sv("Datateman (EU)")))
    g.add((catalog, DCAT.themeTaxonomy, themes))
    if spatial is not None:
        g.add((catalog, DCTERMS.spatial, spatial))

    def common(node: URIRef) -> None:
        g.add((node, DCTERMS.publisher, publisher))
        g.add((node, DCTERMS.license, license_))
        g.add((node, DCTERMS.accessRights, access))
        if contact is not None:
            g.add((node, DCAT.contactPoint, contact))

    services = {
        SERVICE_API: _service(
            g,
            here + "api",
            title="Samverkans REST-API",
            description="JSON-API för strukturen, möten, minnesanteckningar, rekommendationer "
            "och huvudmännens beslut, uppföljning och indikatorer. Läsning utan inloggning.",
            endpoint=base + "/api/v1/",
            description_url=base + "/api/v1/openapi.json",
            standard=OPENAPI_STANDARD,
        ),
        SERVICE_OPARL: _service(
            g,
            here + "oparl",
            title="OParl 1.1",
            description="Samverkansstrukturens organ, möten, dagordningspunkter, handlingar och "
            "personer enligt OParl 1.1, standarden för öppna data från politiska organ.",
            endpoint=base + reverse("oparl:system"),
            description_url=OPARL_SPECIFICATION,
            standard=OPARL_STANDARD,
        ),
    }
    for service in services.values():
        common(service)
        g.add((catalog, DCAT.service, service))

    spans = _spans()
    issued, modified = [], []
    for dataset in datasets():
        node = _typed(g, here + dataset.key, DCAT.Dataset)
        g.add((catalog, DCAT.dataset, node))
        g.add((node, DCTERMS.title, _sv(dataset.title)))
        g.add((node, DCTERMS.description, _sv(dataset.description)))
        common(node)
        g.add((node, DCAT.theme, _concept(g, dataset.theme)))
        frequency = _typed(g, f"{EU}frequency/{dataset.frequency}", DCTERMS.Frequency)
        g.add((node, DCTERMS.accrualPeriodicity, frequency))
        g.add((node, DCTERMS.language, swedish))
        for keyword in dataset.keywords:
            g.add((node, DCAT.keyword, _sv(keyword)))
        landing = _typed(g, f"{base}/data/#{dataset.key}", FOAF.Document)
        g.add((node, DCAT.landingPage, landing))
        if spatial is not None:
            g.add((node, DCTERMS.spatial, spatial))
        if span := spans.get(dataset.key):
            g.add((node, DCTERMS.issued, _moment(span.issued)))
            g.add((node, DCTERMS.modified, _moment(span.modified)))
            issued.append(span.issued)
            modified.append(span.modified)
            period = _typed(g, here + dataset.key + "-period", DCTERMS.PeriodOfTime)
            g.add((period, DCAT.startDate, Literal(span.start, datatype=XSD.date)))
            g.add((period, DCAT.endDate, Literal(span.end, datatype=XSD.date)))
            g.add((node, DCTERMS.temporal, period))
        for distribution in dataset.distributions:
            part = _distribution(g, here, base, dataset, distribution)
            g.add((part, DCTERMS.license, license_))
            g.add((part, DCATAP.availability, _concept(g, AVAILABILITY_STABLE)))
            g.add((node, DCAT.distribution, part))
            if service := services.get(_service_of(distribution)):
                g.add((part, DCAT.accessService, service))
                g.add((service, DCAT.servesDataset, node))
    if issued:
        g.add((catalog, DCTERMS.issued, _moment(min(issued))))
        g.add((catalog, DCTERMS.modified, _moment(max(modified))))
    return g


def _publisher_name(county: CountyFacts) -> str:
    return f"{county.region_name} och länets kommuner ({county.collaboration_name})"


def _service(
    g: Graph,
    iri: str,
    *,
    title: str,
    description: str,
    endpoint: str,
    description_url: str,
    standard: str,
) -> URIRef:
    node = _typed(g, iri, DCAT.DataService)
    g.add((node, DCTERMS.title, _sv(title)))
    g.add((node, DCTERMS.description, _sv(description)))
    g.add((node, DCAT.endpointURL, URIRef(endpoint)))
    g.add((node, DCAT.endpointDescription, URIRef(description_url)))
    g.add((node, DCTERMS.conformsTo, _typed(g, standard, DCTERMS.Standard)))
    return node


def _service_of(distribution: Distribution) -> str:
    if distribution.url.startswith("/api/"):
        return SERVICE_API
    if distribution.url == reverse("oparl:system"):
        return SERVICE_OPARL
    return ""


def _distribution(
    g: Graph, here: str, base: str, dataset: Dataset, distribution: Distribution
) -> URIRef:
    media_type = FORMATS[distribution.fmt][0]
    node = _typed(g, f"{here}{dataset.key}-{distribution.key}", DCAT.Distribution)
    g.add((node, DCTERMS.title, _sv(distribution.title)))
    g.add((node, DCTERMS.description, _sv(f"{dataset.title}: {distribution.title}.")))
    g.add((node, DCAT.accessURL, URIRef(base + distribution.url)))
    if not _service_of(distribution):
        # A file (a table, a calendar) is also its own download.
        g.add((node, DCAT.downloadURL, URIRef(base + distribution.url)))
    # DCAT-AP-SE: the format as a media-type literal; DCAT-AP: the media type as an IRI.
    g.add((node, DCTERMS["format"], Literal(media_type)))
    g.add((node, DCAT.mediaType, _typed(g, IANA + media_type, DCTERMS.MediaType)))
    return node


RDF_FORMATS = {
    # suffix: (rdflib format, content type)
    "rdf": ("xml", "application/rdf+xml"),
    "ttl": ("turtle", "text/turtle"),
    "jsonld": ("json-ld", "application/ld+json"),
}

JSONLD_CONTEXT = {
    "dcat": str(DCAT),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "locn": str(LOCN),
}


def serialise(g: Graph, suffix: str) -> bytes:
    fmt, _ = RDF_FORMATS[suffix]
    if fmt == "json-ld":
        return g.serialize(format=fmt, context=JSONLD_CONTEXT, auto_compact=True).encode()
    return g.serialize(format=fmt, encoding="utf-8")
