"""The package's descriptive metadata in CITS ERMS (FGS Ärendehantering 2.0): one `erms`
document with the group's meetings (aggregations of type `file`, level "Sammanträde") and case
files (`caseFile`, level "Ärende"), each holding its records with type, direction, dates,
agents, relations, the plan's classification and the path of its file in the package.

Built with the standard library's ElementTree from the frozen values of `records.py`, in a
fixed order, so the same data gives the same bytes. The element order follows the ERMS schema
(`archive/schemas/`); the test validates every package's ERMS file against it.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from django.utils import timezone

from archive.records import Action, Agent, Aggregation, Content, Note, Record
from structure.records_plan import RecordsPlan

NS = "https://DILCIS.eu/XML/ERMS"
DATA_ROOT = "representations/rep1/data/"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(tag), {k: v for k, v in attrs.items() if v != ""})
    if text is not None:
        element.text = text
    return element


def stamp(moment: datetime.datetime) -> str:
    """xs:dateTime in the project's time zone with its offset, to the second."""
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return local.replace(microsecond=0).isoformat()


def _agent(parent: ET.Element, agent: Agent, tag: str = "agent") -> None:
    element = _sub(parent, tag, agentType=agent.agent_type, otherAgentType=agent.other_type)
    _sub(element, "name", agent.name)
    if agent.organisation:
        _sub(element, "organisation", agent.organisation)
    if agent.unit:
        _sub(element, "unitName", agent.unit)
    if agent.id_number:
        _sub(element, "idNumber", agent.id_number, idNumberType="organisationskod")
    if agent.role:
        _sub(element, "role", agent.role)
    if agent.notes:
        _notes(element, agent.notes)


def _notes(parent: ET.Element, notes: tuple[Note, ...]) -> None:
    element = _sub(parent, "notes")
    for note in notes:
        _sub(
            element,
            "note",
            note.text,
            noteType=note.kind,
            noteDate=stamp(note.at) if note.at else "",
        )


def _agents(parent: ET.Element, agents: tuple[Agent, ...]) -> None:
    if agents:
        element = _sub(parent, "agents")
        for agent in agents:
            _agent(element, agent)


def _dates(parent: ET.Element, dates: tuple[tuple[str, datetime.datetime], ...]) -> None:
    if dates:
        element = _sub(parent, "dates")
        for kind, moment in dates:
            _sub(element, "date", stamp(moment), dateType=kind)


def _relations(parent: ET.Element, relations: tuple[tuple[str, str], ...]) -> None:
    for target, kind in relations:
        _sub(parent, "relation", target, relationType=kind)


def _action(parent: ET.Element, action: Action) -> None:
    element = _sub(parent, "action")
    _sub(element, "actionText", action.text)
    _sub(element, "actionType", action.kind)
    dates = _sub(element, "dates")
    _sub(dates, "actionDate", stamp(action.on), dateType="other", otherDateType="behandlad")
    agents = _sub(element, "agents")
    _agent(agents, action.agent)


def _classification(parent: ET.Element, plan: RecordsPlan, key: str) -> None:
    record_type = plan.record_type(key)
    _sub(
        parent,
        "classification",
        record_type.name,
        classificationCode=plan.code_of(key),
        fullyQualifiedClassificationCode=f"{plan.id}/{plan.code_of(key)}",
    )


def _record(parent: ET.Element, record: Record, plan: RecordsPlan, aggregation: str) -> None:
    element = _sub(
        parent,
        "record",
        systemIdentifier=record.id,
        recordType=record.kind,
    )
    _sub(element, "objectId", record.id)
    _classification(element, plan, record.kind)
    _sub(element, "parentAggregationId", aggregation)
    _sub(element, "title", record.title)
    if record.running_number is not None:
        _sub(element, "runningNumber", str(record.running_number))
    _relations(element, record.relations)
    direction = _sub(element, "direction", record.direction[1])
    direction.set("directionDefinition", record.direction[0])
    _agents(element, record.agents)
    if record.description:
        _sub(element, "description", record.description)
    _dates(element, record.dates)
    notes = [Note(plan.record_type(record.kind).action, "informationshanteringsplan")]
    if record.file is not None and not record.file.accepted:
        received = "Bevarad som inkommen; filtypen hör inte till dem e-arkivet tar emot"
        if record.rendition is not None:
            text = (
                f"{received}. En {record.rendition_format}-rendering, gjord med {record.converter} "
                f"{stamp(record.rendition.created)}, levereras bredvid originalet: "
                f"{_name(record.rendition)}."
            )
        else:
            text = f"{received} och en PDF/A-rendering saknas"
            text += (
                f" ({record.rendition_missing.rstrip('.')})." if record.rendition_missing else "."
            )
        notes.append(Note(text, "format"))
    notes.extend(record.notes)
    _notes(element, tuple(notes))
    if record.file is not None:
        extra = _sub(element, "additionalInformation")
        _sub(
            extra,
            "appendix",
            name=_name(record.file),
            description=record.file.original_name,
            fileFormat=record.file.mimetype,
            path=DATA_ROOT + record.file.path,
        )
        if record.rendition is not None:
            _sub(
                extra,
                "appendix",
                name=_name(record.rendition),
                description=f"{record.rendition_format}-rendering av {_name(record.file)}",
                fileFormat=record.rendition.mimetype,
                originalFileFormat=record.file.mimetype,
                path=DATA_ROOT + record.rendition.path,
            )


def _name(file) -> str:
    return file.path.rsplit("/", 1)[-1]


def _aggregation(parent: ET.Element, aggregation: Aggregation, plan: RecordsPlan) -> None:
    element = _sub(
        parent,
        "aggregation",
        systemIdentifier=aggregation.id,
        aggregationType=aggregation.kind,
    )
    _sub(element, "objectId", aggregation.identification or aggregation.id)
    if aggregation.identification:
        _sub(
            element, "identification", aggregation.identification, identificationType="diarienummer"
        )
    activity = next((a for a in plan.activities if a.code == aggregation.activity), None)
    if activity is not None:
        _sub(element, "classification", activity.name, classificationCode=activity.code)
    _sub(element, "levelName", aggregation.level)
    _sub(element, "title", aggregation.title)
    _sub(element, "status", value=aggregation.status)
    _relations(element, aggregation.relations)
    _agents(element, aggregation.agents)
    if aggregation.description:
        _sub(element, "description", aggregation.description)
    _dates(element, aggregation.dates)
    for action in aggregation.actions:
        _action(element, action)
    for record in aggregation.records:
        _record(element, record, plan, aggregation.id)


def erms_document(
    *, content: Content, plan: RecordsPlan, package_id: str, region: Agent, software: Agent
) -> bytes:
    """The ERMS XML of one package, as bytes (UTF-8, with declaration)."""
    ET.register_namespace("", NS)
    root = ET.Element(_q("erms"))
    control = _sub(root, "control")
    _sub(control, "identification", package_id, identificationType="OBJID")
    # Only what both ERMS 2.1 and 3.0 allow here: the plan as text (3.0's id, status and
    # period attributes are not in 2.1).
    schema = _sub(control, "classificationSchema")
    text = _sub(schema, "textualDescriptionOfClassificationSchema")
    _sub(text, "p", f"{plan.name} ({plan.id}), gäller från {plan.valid_from}")
    for activity in plan.activities:
        kinds = "; ".join(
            f"{plan.code_of(t.key)} {t.name}: {t.action}" + (f" ({t.period})" if t.period else "")
            for t in activity.record_types
        )
        _sub(text, "p", f"{activity.code} {activity.name}. {kinds}")
    created = stamp(content.last_change)
    dates = _sub(control, "dates")
    _sub(dates, "date", created, dateType="created")
    maintenance = _sub(control, "maintenanceInformation")
    _sub(maintenance, "maintenanceStatus", value="new")
    agency = _sub(maintenance, "maintenanceAgency")
    _sub(agency, "agencyCode", region.id_number, type="organisationsnummer")
    _sub(agency, "agencyName", region.name)
    history = _sub(maintenance, "maintenanceHistory")
    event = _sub(history, "maintenanceEvent")
    _sub(event, "eventType", value="created")
    _sub(event, "eventDateTime", created)
    _agent(event, software)
    aggregations = content.aggregations
    if aggregations:
        parent = _sub(root, "aggregations")
        for aggregation in aggregations:
            _aggregation(parent, aggregation, plan)
    else:
        # ERMS needs aggregations or records: a year without meetings or closed case files
        # still delivers one empty aggregation saying so.
        parent = _sub(root, "aggregations")
        empty = _sub(parent, "aggregation", systemIdentifier="tom", aggregationType="file")
        _sub(empty, "objectId", "tom")
        _sub(
            empty,
            "title",
            f"{content.group.name} {content.year}: inga möten eller avslutade ärenden",
        )
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
