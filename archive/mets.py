"""The two METS documents of a package per E-ARK CSIP 2.1.0 and SIP 2.1.0 (FGS Paketstruktur
2.0): the root `METS.xml` (profile, OBJID, agents, the ERMS file as descriptive metadata, the
file groups Documentation, Schemas and Representations/rep1, the CSIP struct map) and
`representations/rep1/METS.xml` (the records' files with their checksums).

Pure: from the files already written (path, size, SHA-256, MIME type, date) to bytes, in a
fixed order, so the same data gives the same documents.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from archive.erms import stamp

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATIONS = (
    "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd "
    "http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd "
    "https://DILCIS.eu/XML/METS/CSIPExtensionMETS "
    "https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd "
    "https://DILCIS.eu/XML/METS/SIPExtensionMETS "
    "https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
)
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
# The content information type (CSIP vocabulary): CITS ERMS 2.1, the version FGS
# Ärendehantering 2.0 points to (README "Arkiv").
CONTENT_INFORMATION_TYPE = "citserms_v2_1"
CONTENT_CATEGORY = "Mixed"


@dataclass(frozen=True)
class Entry:
    """A file written into the package: its path from the METS document's folder."""

    path: str
    size: int
    sha256: str
    mimetype: str
    created: datetime.datetime
    # METS GROUPID: the same on an uploaded original and its PDF/A rendition.
    group: str = ""


@dataclass(frozen=True)
class Submitter:
    name: str
    organisation_number: str


def _m(name: str) -> str:
    return f"{{{METS}}}{name}"


def _register() -> None:
    for prefix, uri in (
        ("mets", METS),
        ("csip", CSIP),
        ("sip", SIP),
        ("xlink", XLINK),
        ("xsi", XSI),
    ):
        ET.register_namespace(prefix, uri)


def _root(objid: str, label: str) -> ET.Element:
    return ET.Element(
        _m("mets"),
        {
            "OBJID": objid,
            "LABEL": label,
            "TYPE": CONTENT_CATEGORY,
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE,
            "PROFILE": SIP_PROFILE,
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATIONS,
        },
    )


def _header(
    root: ET.Element, created: datetime.datetime, submitter: Submitter, software: tuple[str, str]
) -> None:
    header = ET.SubElement(
        root,
        _m("metsHdr"),
        {
            "CREATEDATE": stamp(created),
            "LASTMODDATE": stamp(created),
            "RECORDSTATUS": "NEW",
            f"{{{CSIP}}}OAISPACKAGETYPE": "SIP",
        },
    )
    software_agent = ET.SubElement(
        header, _m("agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(software_agent, _m("name")).text = software[0]
    ET.SubElement(
        software_agent, _m("note"), {f"{{{CSIP}}}NOTETYPE": "SOFTWARE VERSION"}
    ).text = software[1]
    # The region twice: as the archival creator (SIP: ROLE ARCHIVIST, with its identification
    # code) and as the submitting organisation. SIP 2.1.0 gives the submitter ROLE CREATOR, but
    # eark-validator 1.1.3 applies the CSIP software-agent rules (CSIP12-16) to every CREATOR
    # agent, so the submitter is written as ROLE OTHER / OTHERROLE SUBMITTER (README "Arkiv").
    for role in ({"ROLE": "ARCHIVIST"}, {"ROLE": "OTHER", "OTHERROLE": "SUBMITTER"}):
        organisation = ET.SubElement(header, _m("agent"), {**role, "TYPE": "ORGANIZATION"})
        ET.SubElement(organisation, _m("name")).text = submitter.name
        ET.SubElement(
            organisation, _m("note"), {f"{{{CSIP}}}NOTETYPE": "IDENTIFICATIONCODE"}
        ).text = submitter.organisation_number


def _file(group: ET.Element, entry: Entry, file_id: str) -> None:
    element = ET.SubElement(
        group,
        _m("file"),
        {
            "ID": file_id,
            "MIMETYPE": entry.mimetype,
            "SIZE": str(entry.size),
            "CREATED": stamp(entry.created),
            "CHECKSUM": entry.sha256,
            "CHECKSUMTYPE": "SHA-256",
            **({"GROUPID": entry.group} if entry.group else {}),
        },
    )
    ET.SubElement(
        element,
        _m("FLocat"),
        {"LOCTYPE": "URL", f"{{{XLINK}}}type": "simple", f"{{{XLINK}}}href": entry.path},
    )


def _file_group(parent: ET.Element, use: str, group_id: str) -> ET.Element:
    # eark-validator 1.1.3 reads CSIP63 as "every fileGrp states OTHER and names its type";
    # OTHER with the type named is also what the specification allows.
    return ET.SubElement(
        parent,
        _m("fileGrp"),
        {
            "ID": group_id,
            "USE": use,
            f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "OTHER",
            f"{{{CSIP}}}OTHERCONTENTINFORMATIONTYPE": CONTENT_INFORMATION_TYPE,
        },
    )


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _md_ref(parent: ET.Element, entry: Entry, kind: dict[str, str]) -> None:
    ET.SubElement(
        parent,
        _m("mdRef"),
        {
            "LOCTYPE": "URL",
            f"{{{XLINK}}}type": "simple",
            f"{{{XLINK}}}href": entry.path,
            **kind,
            "MIMETYPE": entry.mimetype,
            "SIZE": str(entry.size),
            "CREATED": stamp(entry.created),
            "CHECKSUM": entry.sha256,
            "CHECKSUMTYPE": "SHA-256",
        },
    )


def package_mets(
    *,
    objid: str,
    label: str,
    created: datetime.datetime,
    submitter: Submitter,
    software: tuple[str, str],
    descriptive: Entry,
    preservation: Entry,
    documentation: list[Entry],
    schemas: list[Entry],
    representation: Entry,
) -> bytes:
    _register()
    root = _root(objid, label)
    _header(root, created, submitter, software)
    dmd = ET.SubElement(
        root, _m("dmdSec"), {"ID": "dmd-erms", "CREATED": stamp(created), "STATUS": "CURRENT"}
    )
    _md_ref(dmd, descriptive, {"MDTYPE": "OTHER", "OTHERMDTYPE": "ERMS"})
    # The preservation metadata (PREMIS 3), as CSIP places it: amdSec/digiprovMD.
    amd = ET.SubElement(root, _m("amdSec"), {"ID": "amd"})
    digiprov = ET.SubElement(
        amd,
        _m("digiprovMD"),
        {"ID": "digiprov-premis", "CREATED": stamp(created), "STATUS": "CURRENT"},
    )
    _md_ref(digiprov, preservation, {"MDTYPE": "PREMIS"})
    file_sec = ET.SubElement(root, _m("fileSec"), {"ID": "filesec"})
    documentation_group = _file_group(file_sec, "Documentation", "grp-documentation")
    for index, entry in enumerate(documentation, start=1):
        _file(documentation_group, entry, f"doc-{index}")
    schemas_group = _file_group(file_sec, "Schemas", "grp-schemas")
    for index, entry in enumerate(schemas, start=1):
        _file(schemas_group, entry, f"schema-{index}")
    representations_group = _file_group(file_sec, "Representations/rep1", "grp-rep1")
    _file(representations_group, representation, "rep1-mets")

    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "structmap-csip", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "div-package", "LABEL": objid})
    ET.SubElement(
        top,
        _m("div"),
        {
            "ID": "div-metadata",
            "LABEL": "Metadata",
            "DMDID": "dmd-erms",
            "ADMID": "digiprov-premis",
        },
    )
    documentation_div = ET.SubElement(
        top, _m("div"), {"ID": "div-documentation", "LABEL": "Documentation"}
    )
    for index in range(1, len(documentation) + 1):
        ET.SubElement(documentation_div, _m("fptr"), {"FILEID": f"doc-{index}"})
    schemas_div = ET.SubElement(top, _m("div"), {"ID": "div-schemas", "LABEL": "Schemas"})
    for index in range(1, len(schemas) + 1):
        ET.SubElement(schemas_div, _m("fptr"), {"FILEID": f"schema-{index}"})
    # "Representations" (pointing at the representation's METS file) holding one division per
    # representation with its METS pointer: what the CSIP rules CSIP101-112 ask for.
    representations_div = ET.SubElement(
        top, _m("div"), {"ID": "div-representations", "LABEL": "Representations"}
    )
    ET.SubElement(representations_div, _m("fptr"), {"FILEID": "rep1-mets"})
    representation_div = ET.SubElement(
        representations_div, _m("div"), {"ID": "div-rep1", "LABEL": "Representations/rep1"}
    )
    ET.SubElement(
        representation_div,
        _m("mptr"),
        {
            "LOCTYPE": "URL",
            f"{{{XLINK}}}type": "simple",
            f"{{{XLINK}}}href": representation.path,
            f"{{{XLINK}}}title": "rep1",
        },
    )
    return _serialise(root)


def representation_mets(
    *,
    objid: str,
    label: str,
    created: datetime.datetime,
    submitter: Submitter,
    software: tuple[str, str],
    data: list[Entry],
) -> bytes:
    _register()
    root = _root(objid, label)
    _header(root, created, submitter, software)
    file_sec = ET.SubElement(root, _m("fileSec"), {"ID": "filesec-rep1"})
    data_group = _file_group(file_sec, "Data", "grp-data")
    for index, entry in enumerate(data, start=1):
        _file(data_group, entry, f"data-{index}")
    struct = ET.SubElement(
        root, _m("structMap"), {"ID": "structmap-rep1", "TYPE": "PHYSICAL", "LABEL": "CSIP"}
    )
    top = ET.SubElement(struct, _m("div"), {"ID": "div-rep1", "LABEL": objid})
    data_div = ET.SubElement(top, _m("div"), {"ID": "div-data", "LABEL": "Data"})
    for index in range(1, len(data) + 1):
        ET.SubElement(data_div, _m("fptr"), {"FILEID": f"data-{index}"})
    return _serialise(root)
