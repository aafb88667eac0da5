"""The open-data catalogue as the national data portal harvests it: DCAT-AP-SE in RDF/XML (and
Turtle, JSON-LD) at /data/katalog, validated with pyshacl against the DCAT-AP 2.1.1 shapes in
shared/standards/dcat-ap-2.1.1/ (offline), and one test per Swedish harvesting rule of that
folder's README."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.utils import timezone
from pyshacl import validate
from rdflib import RDF, SH, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF

from meetings.models import Meeting
from opendata import catalogue, checks
from structure.cache import bump_version
from structure.models import County, Group

SITE = "https://samverkan.example.se"
CONTACT = "oppnadata@example.se"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
STANDARDS = Path(django_settings.BASE_DIR).parent / "shared" / "standards" / "dcat-ap-2.1.1"
if not STANDARDS.is_dir():  # a worktree next to the shared folder, or the main checkout
    STANDARDS = Path("/work/shared/standards/dcat-ap-2.1.1")
MANDATORY = "dcat-ap_2.1.1_shacl_shapes.ttl"
RANGE = "dcat-ap_2.1.1_shacl_range.ttl"
RECOMMENDED = "dcat-ap_2.1.1_shacl_shapes_recommended.ttl"
# RFC 3987: no spaces, no characters outside the IRI grammar.
IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`]')


@pytest.fixture
def site(settings, structure):
    settings.SITE_URL = SITE + "/"
    settings.OPEN_DATA_CONTACT_EMAIL = CONTACT
    settings.OPEN_DATA_PUBLISHER_IRI = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "attacker.example"]


def _harvest(client, address: str = "/data/katalog.rdf", **headers) -> Graph:
    response = client.get(address, **headers)
    assert response.status_code == 200, address
    assert response["Content-Type"].startswith("application/rdf+xml")
    return Graph().parse(data=response.content, format="xml")


@pytest.fixture
def harvested(client, site) -> Graph:
    return _harvest(client)


def _shapes(*names: str) -> Graph:
    shapes = Graph()
    for name in names:
        shapes.parse(STANDARDS / name, format="turtle")
    return shapes


def _results(data: Graph, shapes: Graph) -> list[dict]:
    _, report, _ = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        found.append(
            {
                "severity": report.value(result, SH.resultSeverity),
                "path": report.value(result, SH.resultPath),
                "focus": report.value(result, SH.focusNode),
                "value": report.value(result, SH.value),
            }
        )
    return found


def _dcat_ap_se_range() -> Graph:
    """The DCAT-AP range shapes as DCAT-AP-SE profiles them: DCAT-AP wants `dcterms:format` to
    be a `dcterms:MediaTypeOrExtent` resource, DCAT-AP-SE (README: "a media-type literal")
    a literal; that one property shape is replaced, every other one is kept as published."""
    shapes = _shapes(RANGE)
    (replaced,) = [
        node
        for node in shapes.subjects(SH.path, DCTERMS["format"])
        if shapes.value(node, SH["class"]) == DCTERMS.MediaTypeOrExtent
    ]
    for owner in list(shapes.subjects(SH.property, replaced)):
        shapes.remove((owner, SH.property, replaced))
        swedish = URIRef("urn:test:dcat-ap-se#format")
        shapes.add((owner, SH.property, swedish))
        shapes.add((swedish, SH.path, DCTERMS["format"]))
        shapes.add((swedish, SH.nodeKind, SH.Literal))
        shapes.add((swedish, SH.pattern, Literal(r"^[a-z]+/[a-z0-9.+-]+$")))
        shapes.add((swedish, SH.severity, SH.Violation))
    shapes.remove((replaced, None, None))
    return shapes


def _distributions(data: Graph) -> list[URIRef]:
    return list(data.subjects(RDF.type, DCAT.Distribution))


# --- DCAT-AP 2.1.1 SHACL shapes ----------------------------------------------------------------


def test_the_catalogue_has_no_violation_of_the_mandatory_shapes(harvested):
    assert _results(harvested, _shapes(MANDATORY)) == []


def test_the_catalogue_has_no_violation_of_the_range_shapes_as_dcat_ap_se_profiles_them(
    harvested,
):
    shapes = _dcat_ap_se_range()
    shapes += _shapes(MANDATORY)
    assert [r for r in _results(harvested, shapes) if r["severity"] == SH.Violation] == []


def test_the_one_range_deviation_is_dcat_ap_ses_format_literal_on_each_distribution(harvested):
    """Against the unchanged DCAT-AP range file, the only results are the literal formats that
    DCAT-AP-SE asks for (one per distribution); the media types (`dcat:mediaType`) are IRIs."""
    results = _results(harvested, _shapes(RANGE))
    assert {r["path"] for r in results} == {DCTERMS["format"]}
    assert all(isinstance(r["value"], Literal) for r in results)
    assert len(results) == len(_distributions(harvested))


def test_the_recommended_properties_the_data_allows_are_there(client, site):
    day = timezone.localdate() + datetime.timedelta(days=30)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    Meeting.objects.create(
        group=Group.objects.get(slug="lsg"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        form="video",
        is_public=True,
    )
    data = _harvest(client)
    warnings = _results(data, _shapes(RECOMMENDED))
    # Left: what the data cannot say (no map geometry of the county, no dates for datasets
    # without dated records in this small structure).
    allowed = {DCAT.bbox, DCAT.centroid, DCTERMS.issued, DCTERMS.modified, DCTERMS.temporal}
    assert {r["path"] for r in warnings} <= allowed, warnings
    meetings = URIRef(f"{SITE}/data/katalog#moten")
    assert not [r for r in warnings if r["focus"] == meetings]
    period = data.value(meetings, DCTERMS.temporal)
    assert data.value(period, DCAT.startDate).toPython() == day
    assert data.value(meetings, DCTERMS.modified).toPython() <= timezone.now()
    catalog = URIRef(f"{SITE}/data/katalog")
    for path in (DCTERMS.issued, DCTERMS.modified, DCTERMS.spatial, DCAT.themeTaxonomy):
        assert data.value(catalog, path) is not None, path


def test_every_dataset_has_theme_spatial_access_rights_and_the_counties_area(harvested):
    area = URIRef(f"{SITE}/data/katalog#omrade")
    county = County.objects.get()
    assert str(harvested.value(area, DCTERMS.identifier)) == county.code
    for dataset in harvested.subjects(RDF.type, DCAT.Dataset):
        assert harvested.value(dataset, DCTERMS.spatial) == area
        assert harvested.value(dataset, DCAT.theme) is not None
        assert harvested.value(dataset, DCTERMS.accessRights) == URIRef(catalogue.ACCESS_PUBLIC)


# --- The Swedish portal's rules (README of the standards folder) --------------------------------


def test_rdf_xml_is_served_at_one_stable_harvest_address(client, site):
    response = client.get("/data/katalog")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    assert "Accept" in response["Vary"]
    default = Graph().parse(data=response.content, format="xml")
    assert isomorphic(default, _harvest(client, "/data/katalog.rdf"))
    assert (URIRef(f"{SITE}/data/katalog"), RDF.type, DCAT.Catalog) in default


@pytest.mark.parametrize(
    ("accept", "content_type", "fmt"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json", "json-ld"),
        ("text/html, */*;q=0.8", "application/rdf+xml", "xml"),
        ("text/turtle;q=x, ;;;", "application/rdf+xml", "xml"),
    ],
)
def test_the_harvest_address_negotiates_turtle_and_json_ld(client, site, accept, content_type, fmt):
    response = client.get("/data/katalog", HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith(content_type)
    parsed = Graph().parse(data=response.content, format=fmt)
    assert isomorphic(parsed, _harvest(client))


@pytest.mark.parametrize(
    ("address", "fmt"), [("/data/katalog.ttl", "turtle"), ("/data/katalog.jsonld", "json-ld")]
)
def test_each_format_also_has_its_own_address_and_the_old_json_ld_one_still_works(
    client, site, address, fmt
):
    response = client.get(address)
    assert response.status_code == 200
    assert isomorphic(Graph().parse(data=response.content, format=fmt), _harvest(client))


def test_every_iri_is_absolute_and_rfc_3987_valid(harvested):
    iris = {term for triple in harvested for term in triple if isinstance(term, URIRef)}
    assert len(iris) > 50
    for iri in iris:
        parts = urlsplit(str(iri))
        assert not IRI_FORBIDDEN.search(str(iri)), iri
        if parts.scheme == "mailto":
            assert "@" in parts.path, iri
        else:
            assert parts.scheme in {"http", "https"} and parts.netloc, iri


def test_there_are_no_blank_nodes(harvested):
    assert not [t for t in harvested if any(isinstance(term, BNode) for term in t)]
    for kind in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, FOAF.Agent, VCARD.Kind):
        nodes = list(harvested.subjects(RDF.type, kind))
        assert nodes and all(isinstance(node, URIRef) for node in nodes), kind


def test_one_iri_per_thing(harvested):
    """Each distribution its own IRI; one licence IRI everywhere (CC BY only ever as
    http://creativecommons.org/licenses/by/4.0/)."""
    expected = sum(len(d.distributions) for d in catalogue.datasets())
    assert len(set(_distributions(harvested))) == expected
    licences = set(harvested.objects(None, DCTERMS.license))
    assert licences == {URIRef(catalogue.LICENSE)}
    for licence in licences:
        assert "licenses/by/" not in licence or licence == URIRef(
            "http://creativecommons.org/licenses/by/4.0/"
        )


def test_the_publisher_is_the_dataportal_organisation_iri_from_the_structure_data(client, site):
    County.objects.update(organisation_number="232100-0222")
    bump_version()
    data = _harvest(client)
    publisher = URIRef("http://dataportal.se/organisation/SE2321000222")
    assert data.value(URIRef(f"{SITE}/data/katalog"), DCTERMS.publisher) == publisher
    assert (publisher, RDF.type, FOAF.Agent) in data
    assert data.value(publisher, FOAF.name)
    for dataset in data.subjects(RDF.type, DCAT.Dataset):
        assert data.value(dataset, DCTERMS.publisher) == publisher


def test_the_publisher_setting_overrides_and_without_either_the_publisher_still_has_an_iri(
    client, site, settings
):
    County.objects.update(organisation_number="")
    bump_version()
    own = _harvest(client)
    publisher = own.value(URIRef(f"{SITE}/data/katalog"), DCTERMS.publisher)
    assert isinstance(publisher, URIRef) and str(publisher).startswith(SITE)
    settings.OPEN_DATA_PUBLISHER_IRI = "http://dataportal.se/organisation/SE1234567890"
    configured = _harvest(client)
    assert configured.value(URIRef(f"{SITE}/data/katalog"), DCTERMS.publisher) == URIRef(
        settings.OPEN_DATA_PUBLISHER_IRI
    )


def test_the_format_is_a_media_type_literal_and_the_media_type_an_iana_iri(harvested):
    for distribution in _distributions(harvested):
        (fmt,) = harvested.objects(distribution, DCTERMS["format"])
        assert isinstance(fmt, Literal) and re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", str(fmt))
        (media_type,) = harvested.objects(distribution, DCAT.mediaType)
        assert media_type == URIRef(catalogue.IANA + str(fmt))
        assert (media_type, RDF.type, DCTERMS.MediaType) in harvested


def test_the_api_and_oparl_are_data_services_with_endpoint_and_description(client, site):
    data = _harvest(client)
    services = set(data.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 2
    for service in services:
        assert data.value(service, DCAT.endpointURL) is not None
        assert data.value(service, DCAT.endpointDescription) is not None
        assert set(data.objects(service, DCAT.servesDataset))
    api = URIRef(f"{SITE}/data/katalog#api")
    oparl = URIRef(f"{SITE}/data/katalog#oparl")
    assert data.value(api, DCAT.endpointDescription) == URIRef(f"{SITE}/api/v1/openapi.json")
    assert data.value(oparl, DCTERMS.conformsTo) == URIRef(catalogue.OPARL_STANDARD)
    # OParl's endpoint (its System object) and the API's OpenAPI document answer on this site;
    # the API's endpoint is the base of every API address.
    assert data.value(api, DCAT.endpointURL) == URIRef(f"{SITE}/api/v1/")
    oparl_path = urlsplit(str(data.value(oparl, DCAT.endpointURL))).path
    assert client.get(oparl_path).json()["type"].startswith("https://schema.oparl.org/1.1/System")
    openapi = client.get(urlsplit(str(data.value(api, DCAT.endpointDescription))).path).json()
    assert openapi["openapi"].startswith("3.")
    # Every API and OParl distribution names its service.
    for distribution in _distributions(data):
        url = str(data.value(distribution, DCAT.accessURL))
        service = data.value(distribution, DCAT.accessService)
        if url.startswith(f"{SITE}/api/"):
            assert service == api, url
        elif url.startswith(f"{SITE}/oparl/"):
            assert service == oparl, url
        else:
            assert service is None and data.value(distribution, DCAT.downloadURL), url


# --- Contact point, Host header ------------------------------------------------------------------


def test_the_contact_point_comes_from_the_setting(harvested):
    contact = URIRef(f"{SITE}/data/katalog#kontakt")
    assert harvested.value(contact, VCARD.hasEmail) == URIRef(f"mailto:{CONTACT}")
    for dataset in harvested.subjects(RDF.type, DCAT.Dataset):
        assert harvested.value(dataset, DCAT.contactPoint) == contact


def test_without_a_contact_setting_there_is_no_contact_point_and_no_placeholder(
    client, site, settings
):
    settings.OPEN_DATA_CONTACT_EMAIL = ""
    response = client.get("/data/katalog.rdf")
    assert b".invalid" not in response.content
    data = Graph().parse(data=response.content, format="xml")
    assert not list(data.triples((None, DCAT.contactPoint, None)))


@pytest.mark.parametrize(
    ("email", "ok"),
    [("", False), ("samverkan@example.invalid", False), ("nej", False), (CONTACT, True)],
)
def test_the_deploy_check_refuses_a_missing_or_placeholder_contact(settings, email, ok):
    settings.OPEN_DATA_CONTACT_EMAIL = email
    found = checks.contact_point_configured()
    assert (found == []) is ok
    if not ok:
        assert found[0].id == "opendata.E001"


def test_a_spoofed_host_header_changes_no_iri(client, site):
    plain = client.get("/data/katalog.ttl").content
    spoofed = client.get("/data/katalog.ttl", HTTP_HOST="attacker.example").content
    assert b"attacker" not in spoofed
    assert spoofed == plain


# --- The page and the links -----------------------------------------------------------------------


def test_the_catalogue_page_lists_every_dataset_with_licence_frequency_and_links(client, db):
    page = client.get("/data/").content.decode()
    for dataset in catalogue.datasets():
        assert dataset.title in page
        for distribution in dataset.distributions:
            assert f'href="{distribution.url}"' in page
    assert "CC0" in page
    assert "Löpande" in page


def test_every_distribution_link_of_the_catalogue_answers(client, structure):
    for dataset in catalogue.datasets():
        for distribution in dataset.distributions:
            assert client.get(distribution.url).status_code == 200, distribution.url


@pytest.mark.parametrize("address", ["/data/katalog", "/data/katalog.rdf", "/data/katalog.jsonld"])
def test_the_catalogue_is_open_to_other_origins(client, db, address):
    response = client.get(address)
    assert response["Access-Control-Allow-Origin"] == "*"
