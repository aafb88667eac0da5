"""What one group's year puts into an information package, as plain frozen values.

`collect(group=, year=)` reads the group's meetings and its case files closed in the year
through the owning apps' QuerySets (approved minutes: `Minutes.objects.approved()`; closed case
files: `Case.objects.closed_in(year)`; recommendations sent or decided by the group:
`Recommendation.objects.expedited()` / `own_decisions()`) and turns them into aggregations
(a meeting, a case file) holding records (handlingar) with their agents, dates, relations,
classification and file. Nothing here writes; `erms.py` and `mets.py` write the XML and
`package.py` the files. Drafts, unapproved minutes and recommendations not yet sent never
reach a package: the queries below ask only for what is approved or sent.
"""

from __future__ import annotations

import datetime
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.db.models import Prefetch
from django.utils import timezone

from archive import renditions
from cases.models import Addressee, Case, DecisionCorrection, Recommendation, Treatment
from meetings.models import AgendaItem, Approval, Meeting, Minutes
from structure.models import Group
from structure.records_plan import RecordsPlan

# The record types (handlingstyper) of the structure, as the plan names them.
KALLELSE = "kallelse"
DAGORDNING = "dagordning"
UNDERLAG = "underlag"
MINNESANTECKNINGAR = "minnesanteckningar"
REKOMMENDATION = "rekommendation"
BESLUT = "beslut"
RATTELSE = "rättelse"

# ERMS direction (with the Swedish word as the element's text).
INCOMING = ("incoming", "inkommande")
DRAWN_UP_SENT = ("outgoing", "upprättad")
DRAWN_UP_KEPT = ("internal_memo_without_follow-up", "upprättad")

# Types the e-archive takes as they are: the one list of them (README "Arkiv" names the same,
# a test compares). Any other upload is kept as received and, where the office converter can
# read it (`office.CONVERTIBLE`), delivered beside a PDF/A rendition; else its record says
# that the rendition is missing.
ACCEPTED_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".xml": "text/xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
}
OTHER_TYPES = {
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


def mimetype_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return (
        ACCEPTED_TYPES.get(suffix)
        or OTHER_TYPES.get(suffix)
        or mimetypes.guess_type(name)[0]
        or "application/octet-stream"
    )


@dataclass(frozen=True)
class Note:
    text: str
    kind: str = ""
    at: datetime.datetime | None = None


@dataclass(frozen=True)
class Agent:
    """ERMS `agentType` (e.g. `sender`, `authorising_person`) or `other` with `other_type`."""

    agent_type: str
    name: str
    other_type: str = ""
    organisation: str = ""
    unit: str = ""
    id_number: str = ""
    role: str = ""
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Action:
    """A step in a case file (a treatment): what, when, by which group."""

    text: str
    kind: str
    on: datetime.datetime
    agent: Agent


@dataclass(frozen=True)
class FileRef:
    """A file of the representation: its path under `representations/rep1/data/`, how to read
    its bytes (called once, when the package is written), MIME type and date."""

    path: str
    read: Callable[[], bytes] = field(compare=False, repr=False)
    mimetype: str
    created: datetime.datetime
    original_name: str = ""
    # The record's id on the original and its rendition: METS GROUPID, pairing the two.
    group: str = ""

    @property
    def accepted(self) -> bool:
        return Path(self.path).suffix.lower() in ACCEPTED_TYPES


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    title: str
    direction: tuple[str, str]
    dates: tuple[tuple[str, datetime.datetime], ...]
    agents: tuple[Agent, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    description: str = ""
    file: FileRef | None = None
    notes: tuple[Note, ...] = ()
    running_number: int | None = None
    # The PDF/A rendition of a file the e-archive does not take as it is (beside the original),
    # the converter that made it, or why there is none.
    rendition: FileRef | None = None
    rendition_format: str = ""  # e.g. "PDF/A-2b"
    converter: str = ""
    rendition_missing: str = ""


@dataclass(frozen=True)
class Aggregation:
    id: str
    kind: str  # ERMS aggregationType: caseFile, file
    level: str  # Swedish level name: Ärende, Sammanträde
    title: str
    status: str  # ERMS status value
    dates: tuple[tuple[str, datetime.datetime], ...]
    records: tuple[Record, ...]
    identification: str = ""
    description: str = ""
    agents: tuple[Agent, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    actions: tuple[Action, ...] = ()
    activity: str = ""  # the plan's activity code (classification)


@dataclass(frozen=True)
class Content:
    group: Group
    year: int
    aggregations: tuple[Aggregation, ...]
    left_out: tuple[str, ...]  # record types the plan thins: named, never exported

    @property
    def records(self) -> list[Record]:
        return [r for a in self.aggregations for r in a.records]

    @property
    def files(self) -> list[FileRef]:
        files = [r.file for r in self.records if r.file is not None]
        return files + [r.rendition for r in self.records if r.rendition is not None]

    def with_records(self, change: Callable[[Record], Record]) -> Content:
        """The same content with every record passed through `change` (e.g. given its
        rendition)."""
        return replace(
            self,
            aggregations=tuple(
                replace(a, records=tuple(change(r) for r in a.records)) for a in self.aggregations
            ),
        )

    @property
    def last_change(self) -> datetime.datetime:
        """The package's date: the latest date of anything in it (so a second export of an
        unchanged period carries the same date), or the period's last moment if it is empty."""
        moments = [d for a in self.aggregations for _, d in a.dates]
        moments += [d for r in self.records for _, d in r.dates]
        if moments:
            return max(moments)
        end = datetime.datetime(self.year, 12, 31, 23, 59, 59)
        return timezone.make_aware(end, timezone.get_default_timezone())


def field_reader(field_file) -> Callable[[], bytes]:
    def read() -> bytes:
        with field_file.open("rb") as handle:
            return handle.read()

    return read


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(12)), timezone.get_default_timezone()
    )


def _person_agent(person, agent_type: str, role: str = "", **extra) -> Agent:
    return Agent(
        agent_type=agent_type,
        name=person.full_name,
        organisation=person.principal.name if person.principal_id else "",
        role=role,
        **extra,
    )


def _group_agent(group: Group, role: str) -> Agent:
    return Agent(agent_type="other", other_type="grupp", name=group.name, role=role)


def _meeting_title(meeting: Meeting) -> str:
    return f"{meeting.display_title} {meeting.local_date:%Y-%m-%d}"


# --- Meetings --------------------------------------------------------------------------------


def _kallelse_records(meeting: Meeting, items: list[AgendaItem], folder: str) -> list[Record]:
    """Each kallelse as it was sent (`Meeting.kallelse_copies`): the first is `kallelse.pdf`,
    a later one (sent again, e.g. after a change of time) `kallelse-<n>.pdf`, replacing the one
    before. Test data that stamps `kallelse_sent_at` without sending gets one copy made from
    the agenda as it is."""
    copies = meeting.kallelse_copies or [
        meeting.kallelse_copy(meeting.kallelse_sent_at, [item.title for item in items])
    ]
    records: list[Record] = []
    for number, copy in enumerate(copies, start=1):
        sent = datetime.datetime.fromisoformat(copy["sent_at"])
        suffix = "" if number == 1 else f"-{number}"
        title = f"Kallelse till {_meeting_title(meeting)}"
        records.append(
            Record(
                id=f"kallelse-{meeting.pk}{suffix}",
                kind=KALLELSE,
                title=title if number == 1 else f"{title} (skickad igen)",
                direction=DRAWN_UP_SENT,
                dates=(("created", sent), ("sent", sent)),
                agents=(_group_agent(meeting.group, "Avsändare"),),
                relations=((records[-1].id, "replaces"),) if records else (),
                file=FileRef(
                    path=f"{folder}/kallelse{suffix}.pdf",
                    read=lambda m=meeting, c=copy: renditions.kallelse_pdf(m, c),
                    mimetype="application/pdf",
                    created=sent,
                ),
            )
        )
    return records


def _meeting_records(meeting: Meeting, plan: RecordsPlan) -> list[Record]:
    folder = f"moten/{meeting.local_date:%Y-%m-%d}-{meeting.pk}"
    records: list[Record] = []
    items = list(meeting.items.all())
    if meeting.kallelse_sent_at and plan.keeps(KALLELSE):
        records.extend(_kallelse_records(meeting, items, folder))
    if items and meeting.kallelse_sent_at and plan.keeps(DAGORDNING):
        records.append(
            Record(
                id=f"dagordning-{meeting.pk}",
                kind=DAGORDNING,
                title=f"Dagordning {_meeting_title(meeting)}",
                direction=DRAWN_UP_SENT,
                dates=(("created", meeting.kallelse_sent_at), ("sent", meeting.kallelse_sent_at)),
                agents=(_group_agent(meeting.group, "Avsändare"),),
                relations=((f"kallelse-{meeting.pk}", "part_of"),),
                file=FileRef(
                    path=f"{folder}/dagordning.pdf",
                    read=lambda m=meeting: renditions.agenda_pdf(m),
                    mimetype="application/pdf",
                    created=meeting.kallelse_sent_at,
                ),
            )
        )
    if plan.keeps(UNDERLAG):
        for item in items:
            for paper in item.papers.all():
                suffix = Path(paper.original_name).suffix.lower()
                records.append(
                    Record(
                        id=f"underlag-{paper.pk}",
                        kind=UNDERLAG,
                        title=paper.title,
                        direction=INCOMING,
                        dates=(("received", paper.uploaded_at),),
                        description=f"Underlag till punkt {item.position}: {item.title}",
                        relations=((f"dagordning-{meeting.pk}", "reference"),),
                        file=FileRef(
                            path=f"{folder}/underlag-{paper.pk}{suffix}",
                            read=field_reader(paper.file),
                            mimetype=mimetype_of(paper.original_name),
                            created=paper.uploaded_at,
                            original_name=paper.original_name,
                        ),
                    )
                )
    for minutes in meeting.archived_minutes:
        kind = RATTELSE if minutes.supersedes_id else MINNESANTECKNINGAR
        if not plan.keeps(kind):
            continue
        approvals = tuple(
            _person_agent(approval.person, "authorising_person", role=approval.get_role_display())
            for approval in minutes.approvals.all()
        )
        # Who approved when, in which role (ERMS 2.1 has no notes on an agent).
        approval_notes = tuple(
            Note(
                f"Justerat av {approval.person.full_name} ({approval.get_role_display()})",
                "justering",
                approval.approved_at,
            )
            for approval in minutes.approvals.all()
        )
        approved_at = minutes.approved_at or max(
            (a.approved_at for a in minutes.approvals.all()), default=meeting.starts_at
        )
        relations = [(f"mote-{meeting.pk}", "part_of")]
        if minutes.supersedes_id:
            relations.append((f"minnesanteckningar-{minutes.supersedes_id}", "replaces"))
        records.append(
            Record(
                id=f"minnesanteckningar-{minutes.pk}",
                kind=kind,
                title=f"Minnesanteckningar {_meeting_title(meeting)}, version {minutes.version}",
                direction=DRAWN_UP_KEPT,
                dates=(("created", meeting.starts_at), ("main_signature", approved_at)),
                agents=approvals,
                relations=tuple(relations),
                description=minutes.correction_reason,
                notes=approval_notes,
                running_number=minutes.version,
                file=FileRef(
                    path=f"{folder}/minnesanteckningar-v{minutes.version}.pdf",
                    read=lambda m=minutes: renditions.minutes_pdf(m),
                    mimetype="application/pdf",
                    created=approved_at,
                ),
            )
        )
    return records


def _meetings(group: Group, year: int, plan: RecordsPlan) -> list[Aggregation]:
    meetings = (
        Meeting.objects.filter(group=group, starts_at__year=year)
        .select_related("group")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.order_by("position").prefetch_related("papers"),
            ),
            Prefetch(
                "minutes",
                queryset=Minutes.objects.approved()
                .order_by("version")
                .prefetch_related(
                    Prefetch(
                        "approvals",
                        queryset=Approval.objects.select_related("person__principal").order_by(
                            "approved_at", "pk"
                        ),
                    )
                ),
                to_attr="archived_minutes",
            ),
        )
        .order_by("starts_at", "pk")
    )
    aggregations = []
    for meeting in meetings:
        status = "closed" if meeting.archived_minutes or meeting.cancelled else "in_progress"
        description = meeting.get_form_display()
        if meeting.location:
            description += f", {meeting.location}"
        if meeting.cancelled:
            description += ". Mötet ställdes in."
        aggregations.append(
            Aggregation(
                id=f"mote-{meeting.pk}",
                kind="file",
                level="Sammanträde",
                title=_meeting_title(meeting),
                status=status,
                dates=(("start", meeting.starts_at), ("end", meeting.ends_at)),
                records=tuple(_meeting_records(meeting, plan)),
                description=description,
                agents=(_group_agent(meeting.group, "Sammanträdande grupp"),),
                activity=plan.activity_of(MINNESANTECKNINGAR),
            )
        )
    return aggregations


# --- Case files ------------------------------------------------------------------------------


def _decision_records(
    recommendation: Recommendation, plan: RecordsPlan, folder: str
) -> list[Record]:
    records: list[Record] = []
    for addressee in recommendation.addressees.all():
        decision = getattr(addressee, "decision", None)
        if decision is None:
            continue
        principal = addressee.principal
        agent = Agent(
            agent_type="sender",
            name=principal.name,
            organisation=principal.name,
            unit=decision.body.name,
            id_number=principal.code,
            role="Huvudman",
        )
        if plan.keeps(BESLUT):
            file = None
            if decision.document:
                suffix = Path(decision.document.name).suffix.lower()
                file = FileRef(
                    path=f"{folder}/beslut-{decision.pk}{suffix}",
                    read=field_reader(decision.document),
                    mimetype=mimetype_of(decision.document.name),
                    created=decision.registered_at,
                    original_name=Path(decision.document.name).name,
                )
            text = f"{decision.get_outcome_display()}, {decision.body.name} {decision.reference}"
            if decision.comment:
                text += f". {decision.comment}"
            records.append(
                Record(
                    id=f"beslut-{decision.pk}",
                    kind=BESLUT,
                    title=f"Beslut {principal.name}: {recommendation.title}",
                    direction=INCOMING,
                    dates=(
                        ("decision", _noon(decision.decided_on)),
                        ("received", decision.registered_at),
                    ),
                    agents=(agent,),
                    relations=((f"rekommendation-{recommendation.pk}", "reference"),),
                    description=text,
                    file=file,
                )
            )
        if plan.keeps(RATTELSE):
            for correction in decision.corrections.all():
                records.append(
                    Record(
                        id=f"rattelse-beslut-{correction.pk}",
                        kind=RATTELSE,
                        title=f"Rättelse av beslut {principal.name}: {recommendation.title}",
                        direction=INCOMING,
                        dates=(
                            ("decision", _noon(correction.decided_on)),
                            ("modified", correction.corrected_at),
                        ),
                        agents=(agent,),
                        relations=((f"beslut-{decision.pk}", "is_version_of"),),
                        description=(
                            f"Tidigare: {correction.get_outcome_display()}, "
                            f"{correction.body.name} {correction.reference}. "
                            f"Skäl till rättelsen: {correction.reason}"
                        ),
                    )
                )
    return records


def _case_records(case: Case, plan: RecordsPlan) -> list[Record]:
    folder = f"arenden/{case.year}-{case.serial:04d}"
    records: list[Record] = []
    if plan.keeps(UNDERLAG):
        for document in case.documents.all():
            suffix = Path(document.original_name).suffix.lower()
            records.append(
                Record(
                    id=f"handling-{document.pk}",
                    kind=UNDERLAG,
                    title=document.title,
                    direction=INCOMING,
                    dates=(("received", document.added_at),),
                    agents=(_group_agent(document.group, "Mottagande grupp"),),
                    file=FileRef(
                        path=f"{folder}/handling-{document.pk}{suffix}",
                        read=field_reader(document.file),
                        mimetype=mimetype_of(document.original_name),
                        created=document.added_at,
                        original_name=document.original_name,
                    ),
                )
            )
    for recommendation in case.archived_recommendations:
        kind = BESLUT if recommendation.own_decision else REKOMMENDATION
        adopted = _noon(recommendation.adopted_on)
        dates = [("decision", adopted)]
        if recommendation.expedited_at:
            dates.append(("expedited", recommendation.expedited_at))
        if plan.keeps(kind):
            records.append(
                Record(
                    id=f"rekommendation-{recommendation.pk}",
                    kind=kind,
                    title=recommendation.title,
                    direction=DRAWN_UP_SENT,
                    dates=tuple(dates),
                    agents=(
                        _group_agent(recommendation.group, "Beslutande grupp"),
                        *(
                            Agent(
                                agent_type="recipient",
                                name=a.principal.name,
                                organisation=a.principal.name,
                                id_number=a.principal.code,
                                role="Huvudman",
                            )
                            for a in recommendation.addressees.all()
                        ),
                    ),
                    relations=((f"mote-{recommendation.meeting_id}", "reference"),),
                    description="\n".join(f"att {s}" for s in recommendation.att_satser),
                    file=FileRef(
                        path=f"{folder}/{kind}-{recommendation.pk}.pdf",
                        read=lambda r=recommendation: renditions.recommendation_pdf(r),
                        mimetype="application/pdf",
                        created=recommendation.expedited_at or adopted,
                    ),
                )
            )
        records.extend(_decision_records(recommendation, plan, folder))
    return records


def _treatment_action(treatment) -> Action:
    text = treatment.get_outcome_display()
    if treatment.sent_to_id:
        text += f": till {treatment.sent_to.name}"
    if treatment.local_principal_id:
        text += f": {treatment.local_principal.name}"
    if treatment.note:
        text += f". {treatment.note}"
    if treatment.group_id:
        agent = _group_agent(treatment.group, "Behandlande grupp")
    else:  # handed to the local level: the principal that takes the question over
        agent = Agent(
            agent_type="other",
            other_type="huvudman",
            name=treatment.local_principal.name,
            role="Lokal nivå",
        )
    return Action(text=text, kind="behandling", on=_noon(treatment.happened_on), agent=agent)


def _case_files(group: Group, year: int, plan: RecordsPlan) -> list[Aggregation]:
    # Sent to the principals, or decided by the group itself: adopted but unsent stays out.
    archived = Recommendation.objects.expedited() | Recommendation.objects.own_decisions()
    cases = (
        Case.objects.closed_in(year)
        .filter(origin_group=group)
        .select_related("submitted_by__principal", "origin_group")
        .prefetch_related(
            "documents__group",
            Prefetch(
                "treatments",
                queryset=Treatment.objects.select_related(
                    "group", "sent_to", "local_principal"
                ).order_by("happened_on", "pk"),
            ),
            Prefetch(
                "recommendations",
                queryset=archived.select_related("group")
                .order_by("adopted_on", "pk")
                .prefetch_related(
                    Prefetch(
                        "addressees",
                        queryset=Addressee.objects.select_related(
                            "principal", "decision__body"
                        ).order_by("principal__code", "pk"),
                    ),
                    Prefetch(
                        "addressees__decision__corrections",
                        queryset=DecisionCorrection.objects.select_related("body").order_by(
                            "corrected_at", "pk"
                        ),
                    ),
                ),
                to_attr="archived_recommendations",
            ),
        )
        .order_by("serial")
    )
    aggregations = []
    for case in cases:
        treated_by = sorted(
            {t.group.name for t in case.treatments.all() if t.group_id} | {group.name}
        )
        relations = []
        for treatment in case.treatments.all():
            if treatment.sent_to_id:
                relations.append((f"{treatment.group.name} → {treatment.sent_to.name}", "moved"))
        relations += [(f"rekommendation-{r.pk}", "contains") for r in case.archived_recommendations]
        aggregations.append(
            Aggregation(
                id=f"arende-{case.pk}",
                kind="caseFile",
                level="Ärende",
                title=case.title,
                identification=case.register_number,
                status="closed",
                dates=(("opened", case.created_at), ("closed", _closed_at(case))),
                records=tuple(_case_records(case, plan)),
                description=case.description,
                agents=(
                    _person_agent(
                        case.submitted_by, "other", role="Väckt av", other_type="initiativtagare"
                    ),
                    *(_group_agent_named(name) for name in treated_by),
                ),
                relations=tuple(relations),
                actions=tuple(_treatment_action(t) for t in case.treatments.all()),
                activity=plan.activity_of(REKOMMENDATION),
            )
        )
    return aggregations


def _closed_at(case: Case) -> datetime.datetime:
    """When the case file closed: finished, or handed to the local level (`closed_in`)."""
    return case.finished_at or _noon(case.handed_over_on)


def _group_agent_named(name: str) -> Agent:
    return Agent(agent_type="other", other_type="grupp", name=name, role="Behandlande grupp")


def collect(*, group: Group, year: int, plan: RecordsPlan) -> Content:
    with timezone.override(timezone.get_default_timezone()):
        aggregations = _meetings(group, year, plan) + _case_files(group, year, plan)
    return Content(
        group=group,
        year=year,
        aggregations=tuple(aggregations),
        left_out=tuple(sorted(plan.thinned_types())),
    )
