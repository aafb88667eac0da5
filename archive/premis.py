"""The package's preservation metadata in PREMIS 3.0 (`metadata/preservation/premis.xml`,
referenced from the root METS `amdSec/digiprovMD` as E-ARK CSIP asks): one file object per file
of the representation (its path, SHA-256, size, IANA MIME type as format name, the name it was
uploaded under), and for each PDF/A rendition a `migration` event (from the original to the
PDF/A, by the converter, when it was made) with a `derivation` relationship from the rendition
to its original, and the converter as a software agent with its version.

Pure: from the entries already written and the renditions' facts to bytes, in a fixed order,
so the same data gives the same document.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from archive import mets
from archive.erms import stamp

NS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.loc.gov/standards/premis/v3/premis.xsd"
VERSION = "3.0"
# Identifier types: a file by its path in the package, an event and an agent by a local id.
PATH_ID = "filepath"
LOCAL_ID = "local"


@dataclass(frozen=True)
class Migration:
    """A rendition: the original's and the rendition's paths (as in the entries), the converter
    with its version ("LibreOffice 7.4.7.2 …"), what it made and when."""

    source: str
    outcome: str
    converter: str
    target_format: str
    at: datetime.datetime


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), attrs)
    if text is not None:
        element.text = text
    return element


def _identifier(parent: ET.Element, tag: str, kind: str, value: str) -> None:
    element = _sub(parent, tag)
    _sub(element, f"{tag}Type", kind)
    _sub(element, f"{tag}Value", value)


def _agent_id(converter: str) -> str:
    return "agent-" + "".join(ch if ch.isalnum() else "-" for ch in converter.lower()).strip("-")


def premis_document(
    *, entries: list[mets.Entry], prefix: str, original_names: dict[str, str], migrations
) -> bytes:
    """`entries`: the representation's files (paths relative to it), written under `prefix`
    (e.g. "representations/rep1/") in the package; `original_names`: the uploaded name by
    entry path; `migrations`: the renditions (`Migration`), paths as in the entries."""
    ET.register_namespace("premis", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        _q("premis"), {"version": VERSION, f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION}
    )
    by_outcome = {m.outcome: m for m in migrations}
    by_source = {m.source: m for m in migrations}
    events = {m.outcome: f"event-migration-{index}" for index, m in enumerate(migrations, 1)}
    for entry in sorted(entries, key=lambda e: e.path):
        obj = _sub(root, "object", **{f"{{{XSI}}}type": "premis:file"})
        _identifier(obj, "objectIdentifier", PATH_ID, prefix + entry.path)
        characteristics = _sub(obj, "objectCharacteristics")
        _sub(characteristics, "compositionLevel", "0")
        fixity = _sub(characteristics, "fixity")
        _sub(fixity, "messageDigestAlgorithm", "SHA-256")
        _sub(fixity, "messageDigest", entry.sha256)
        _sub(characteristics, "size", str(entry.size))
        file_format = _sub(characteristics, "format")
        designation = _sub(file_format, "formatDesignation")
        _sub(designation, "formatName", entry.mimetype)
        migration = by_outcome.get(entry.path)
        if migration is not None:
            _sub(designation, "formatVersion", migration.target_format)
            application = _sub(characteristics, "creatingApplication")
            name, _, version = migration.converter.partition(" ")
            _sub(application, "creatingApplicationName", name)
            if version:
                _sub(application, "creatingApplicationVersion", version)
            _sub(application, "dateCreatedByApplication", stamp(migration.at))
        if original_names.get(entry.path):
            _sub(obj, "originalName", original_names[entry.path])
        if migration is not None:
            relationship = _sub(obj, "relationship")
            _sub(relationship, "relationshipType", "derivation")
            _sub(relationship, "relationshipSubType", "has source")
            related = _sub(relationship, "relatedObjectIdentifier")
            _sub(related, "relatedObjectIdentifierType", PATH_ID)
            _sub(related, "relatedObjectIdentifierValue", prefix + migration.source)
            event = _sub(relationship, "relatedEventIdentifier")
            _sub(event, "relatedEventIdentifierType", LOCAL_ID)
            _sub(event, "relatedEventIdentifierValue", events[entry.path])
            _identifier(obj, "linkingEventIdentifier", LOCAL_ID, events[entry.path])
        elif entry.path in by_source:
            _identifier(
                obj, "linkingEventIdentifier", LOCAL_ID, events[by_source[entry.path].outcome]
            )
    for migration in migrations:
        event = _sub(root, "event")
        _identifier(event, "eventIdentifier", LOCAL_ID, events[migration.outcome])
        _sub(event, "eventType", "migration")
        _sub(event, "eventDateTime", stamp(migration.at))
        detail = _sub(event, "eventDetailInformation")
        _sub(
            detail,
            "eventDetail",
            f"Rendering till {migration.target_format} för e-arkivet; originalet bevaras som "
            "inkommet.",
        )
        outcome = _sub(event, "eventOutcomeInformation")
        _sub(outcome, "eventOutcome", "success")
        agent = _sub(event, "linkingAgentIdentifier")
        _sub(agent, "linkingAgentIdentifierType", LOCAL_ID)
        _sub(agent, "linkingAgentIdentifierValue", _agent_id(migration.converter))
        _sub(agent, "linkingAgentRole", "executing program")
        for path, role in ((migration.source, "source"), (migration.outcome, "outcome")):
            linked = _sub(event, "linkingObjectIdentifier")
            _sub(linked, "linkingObjectIdentifierType", PATH_ID)
            _sub(linked, "linkingObjectIdentifierValue", prefix + path)
            _sub(linked, "linkingObjectRole", role)
    for converter in sorted({m.converter for m in migrations}):
        agent = _sub(root, "agent")
        _identifier(agent, "agentIdentifier", LOCAL_ID, _agent_id(converter))
        name, _, version = converter.partition(" ")
        _sub(agent, "agentName", name)
        _sub(agent, "agentType", "software")
        if version:
            _sub(agent, "agentVersion", version)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
