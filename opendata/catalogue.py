"""The open-data catalogue: the datasets, as data, and their DCAT-AP-SE description.

DCAT-AP-SE is the Swedish application profile of DCAT-AP that dataportal.se harvests. The
catalogue is published as JSON-LD at /data/katalog.jsonld; the same data is the /data/ page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from cases.public_selectors import patient_safety_group
from structure.county import CountyFacts
from structure.models import Group, SpecialRole

LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"
LICENSE_LABEL = "CC0 1.0 (fri användning utan villkor)"
EU = "http://publications.europa.eu/resource/authority/"
THEME_HEALTH = EU + "data-theme/HEAL"
THEME_GOVERNMENT = EU + "data-theme/GOVE"
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
                        "API (JSON)", f"{api}/groups/{deciding.slug}/own-decisions", "JSON"
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
                (Distribution("API (JSON)", f"{api}/patient-safety/compilation", "JSON"),),
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
                Distribution("API (JSON)", f"{api}/recommendations", "JSON"),
                Distribution(
                    "Tabell (CSV)", reverse("cases:recommendation_export", args=["csv"]), "CSV"
                ),
                Distribution(
                    "Tabell (Excel)", reverse("cases:recommendation_export", args=["xlsx"]), "XLSX"
                ),
                Distribution("OParl (Paper)", oparl, "JSON"),
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
                Distribution("API (JSON)", f"{api}/meetings", "JSON"),
                Distribution("Kalender (iCalendar)", reverse("meetings:public_feed"), "ICS"),
                Distribution("OParl (Meeting)", oparl, "JSON"),
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
                Distribution("API (JSON)", f"{api}/minutes", "JSON"),
                Distribution("OParl (File, AgendaItem)", oparl, "JSON"),
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
                Distribution("API (JSON), huvudmän", f"{api}/principals", "JSON"),
                Distribution("API (JSON), grupper", f"{api}/groups", "JSON"),
                Distribution("OParl (Organization, Person, Membership)", oparl, "JSON"),
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
                Distribution("API (JSON)", f"{api}/measures", "JSON"),
                Distribution(
                    "Tabell (CSV)", reverse("followup:process_export", args=["csv"]), "CSV"
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
            (Distribution("API (JSON)", f"{api}/indicators", "JSON"),),
        ),
    ]


def jsonld(base_url: str, county: CountyFacts) -> dict:
    """The catalogue as DCAT-AP-SE JSON-LD; `base_url` makes every link absolute."""
    publisher = {
        "@id": f"{base_url}/#utgivare",
        "@type": "foaf:Agent",
        "foaf:name": f"{county.region_name} och länets kommuner ({county.collaboration_name})",
    }
    if county.organisation_number:
        publisher["dcterms:identifier"] = county.organisation_number
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": county.collaboration_name,
        "vcard:hasEmail": {"@id": f"mailto:{settings.OPEN_DATA_CONTACT_EMAIL}"},
    }
    entries = []
    for dataset in datasets():
        entries.append(
            {
                "@id": f"{base_url}/data/#{dataset.key}",
                "@type": "dcat:Dataset",
                "dcterms:title": {"@language": "sv", "@value": dataset.title},
                "dcterms:description": {"@language": "sv", "@value": dataset.description},
                "dcterms:publisher": {"@id": publisher["@id"]},
                "dcat:contactPoint": contact,
                "dcat:theme": {"@id": dataset.theme},
                "dcterms:accrualPeriodicity": {"@id": f"{EU}frequency/{dataset.frequency}"},
                "dcat:keyword": [{"@language": "sv", "@value": k} for k in dataset.keywords],
                "dcterms:license": {"@id": LICENSE},
                "dcat:landingPage": {"@id": f"{base_url}/data/#{dataset.key}"},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcterms:title": {"@language": "sv", "@value": d.title},
                        "dcat:accessURL": {"@id": base_url + d.url},
                        "dcat:mediaType": FORMATS[d.fmt][0],
                        "dcterms:format": {"@id": f"{EU}file-type/{d.fmt}"},
                        "dcterms:license": {"@id": LICENSE},
                    }
                    for d in dataset.distributions
                ],
            }
        )
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcterms": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": f"{base_url}/data/",
        "@type": "dcat:Catalog",
        "dcterms:title": {"@language": "sv", "@value": "Öppna data från Samverkan"},
        "dcterms:description": {
            "@language": "sv",
            "@value": f"Öppna data från {county.structure_title[0].lower()}"
            f"{county.structure_title[1:]}.",
        },
        "dcterms:publisher": publisher,
        "dcterms:license": {"@id": LICENSE},
        "dcterms:language": {"@id": f"{EU}language/SWE"},
        "foaf:homepage": {"@id": f"{base_url}/"},
        "dcat:dataset": entries,
    }
