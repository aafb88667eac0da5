"""Writes one information package (SIP) to disk: a directory named after its OBJID and the
same content as `<OBJID>.zip`.

    <OBJID>/METS.xml                              root METS (CSIP/SIP 2.1.0)
    <OBJID>/metadata/descriptive/ERMS.xml         the records in CITS ERMS
    <OBJID>/metadata/preservation/premis.xml      PREMIS 3: the files, the renditions' events
    <OBJID>/documentation/leveransbeskrivning.txt what this delivery is, in Swedish
    <OBJID>/schemas/<the ERMS schema>             the schema the ERMS file follows
    <OBJID>/representations/rep1/METS.xml         the representation's METS
    <OBJID>/representations/rep1/data/...         the records' files

Deterministic: every date comes from the data (the package date is the latest date in it),
files are written in path order, and the zip's entries are sorted with that fixed date and
fixed permissions, so exporting an unchanged period again gives a byte-identical zip.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from archive import erms, mets, premis
from archive.records import Agent, Content
from structure.records_plan import RecordsPlan

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
# The schema the ERMS file is written for (CITS ERMS 2.1, schema 2.1.2; see README "Arkiv");
# it also validates against ERMS 3.0 (`schemas/ERMS_v3.xsd`), which the tests check too.
ERMS_SCHEMA = "ERMS_v2_1_2.xsd"


@dataclass(frozen=True)
class Written:
    objid: str
    directory: Path
    zip_path: Path
    sha256: str
    size: int
    case_files: int
    meetings: int
    records: int
    files: int


def package_id(*, organisation_number: str, group_slug: str, year: int) -> str:
    digits = "".join(ch for ch in organisation_number if ch.isdigit())
    return f"SE{digits}-{group_slug}-{year}"


def _write(
    root: Path, relative: str, data: bytes, mimetype: str, created, base: str = "", group=""
):
    target = root / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    path = relative[len(base) :] if base and relative.startswith(base) else relative
    return mets.Entry(
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest().upper(),
        mimetype=mimetype,
        created=created,
        group=group,
    )


def _description(content: Content, plan: RecordsPlan, objid: str, region: Agent) -> bytes:
    kept = [
        f"  {plan.code_of(t.key)} {t.name}: {t.action}" + (f", {t.period}" if t.period else "")
        for a in plan.activities
        for t in a.record_types
    ]
    lines = [
        f"Leveransbeskrivning {objid}",
        "",
        f"Arkivbildare: {content.group.name}, inom {region.name} "
        f"(organisationsnummer {region.id_number}).",
        f"Period: {content.year}.",
        "Innehåll: gruppens möten under året (kallelse, dagordning, underlag, justerade "
        "minnesanteckningar med justeringar och rättelser) och de ärendeakter som gruppen "
        "väckte och som avslutades under året (underlag, rekommendationer, huvudmännens beslut "
        "och rättelser av dem).",
        "Utkast och ojusterade minnesanteckningar ingår aldrig, inte heller rekommendationer "
        "som inte har expedierats.",
        f"Möten: {sum(1 for a in content.aggregations if a.kind == 'file')}. "
        f"Ärendeakter: {sum(1 for a in content.aggregations if a.kind == 'caseFile')}. "
        f"Handlingar: {len(content.records)}. Filer: {len(content.files)}.",
        "",
        "Format: metadata i CITS ERMS (FGS Ärendehantering 2.0), paketstruktur E-ARK CSIP och "
        "SIP 2.1.0 (FGS Paketstruktur 2.0). Kallelser, dagordningar, minnesanteckningar och "
        "rekommendationer som PDF/A-3b; uppladdade filer som de kom in, och Word-, Excel-, "
        "PowerPoint- och OpenDocument-filer dessutom som PDF/A-2b (gjord med LibreOffice). "
        "Bevarandemetadata (filer, kontrollsummor, renderingar) i PREMIS 3.0.",
        "",
        f"Klassificering: {plan.name} ({plan.id}), gäller från {plan.valid_from}.",
        *kept,
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def _zip(directory: Path, zip_path: Path, moment: datetime.datetime) -> None:
    local = timezone.localtime(moment, timezone.get_default_timezone())
    date_time = max(
        (local.year, local.month, local.day, local.hour, local.minute, local.second),
        (1980, 1, 1, 0, 0, 0),
    )
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    with zipfile.ZipFile(zip_path, "w") as archive:
        for path in files:
            name = f"{directory.name}/{path.relative_to(directory).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=6)


def write_package(
    *,
    content: Content,
    plan: RecordsPlan,
    objid: str,
    region: Agent,
    software: tuple[str, str],
    out: Path,
) -> Written:
    """Write the package under `out` (replacing an earlier one of the same OBJID there)."""
    out.mkdir(parents=True, exist_ok=True)
    created = content.last_change
    submitter = mets.Submitter(region.name, region.id_number)
    label = f"{content.group.name} {content.year}"
    with tempfile.TemporaryDirectory(dir=out, prefix=".arkiv-") as scratch:
        root = Path(scratch) / objid
        rep = "representations/rep1/"
        data_entries = [
            _write(
                root, f"{rep}data/{ref.path}", ref.read(), ref.mimetype, ref.created, rep, ref.group
            )
            for ref in sorted(content.files, key=lambda ref: ref.path)
        ]
        preservation = _write(
            root,
            "metadata/preservation/premis.xml",
            premis.premis_document(
                entries=data_entries,
                prefix=rep,
                original_names={
                    f"data/{ref.path}": ref.original_name
                    for ref in content.files
                    if ref.original_name
                },
                migrations=[
                    premis.Migration(
                        source=f"data/{r.file.path}",
                        outcome=f"data/{r.rendition.path}",
                        converter=r.converter,
                        target_format=r.rendition_format,
                        at=r.rendition.created,
                    )
                    for r in sorted(
                        content.records, key=lambda r: r.rendition.path if r.rendition else ""
                    )
                    if r.rendition is not None
                ],
            ),
            "text/xml",
            created,
        )
        software_agent = Agent(
            agent_type="other",
            other_type="programvara",
            name=software[0],
            role=f"version {software[1]}",
        )
        descriptive = _write(
            root,
            "metadata/descriptive/ERMS.xml",
            erms.erms_document(
                content=content,
                plan=plan,
                package_id=objid,
                region=region,
                software=software_agent,
            ),
            "text/xml",
            created,
        )
        documentation = [
            _write(
                root,
                "documentation/leveransbeskrivning.txt",
                _description(content, plan, objid, region),
                "text/plain",
                created,
            )
        ]
        schemas = [
            _write(
                root,
                f"schemas/{ERMS_SCHEMA}",
                (SCHEMA_DIR / ERMS_SCHEMA).read_bytes(),
                "text/xml",
                created,
            )
        ]
        representation = _write(
            root,
            f"{rep}METS.xml",
            mets.representation_mets(
                objid="rep1",
                label=f"{label}, representation 1",
                created=created,
                submitter=submitter,
                software=software,
                data=data_entries,
            ),
            "text/xml",
            created,
        )
        (root / "METS.xml").write_bytes(
            mets.package_mets(
                objid=objid,
                label=label,
                created=created,
                submitter=submitter,
                software=software,
                descriptive=descriptive,
                preservation=preservation,
                documentation=documentation,
                schemas=schemas,
                representation=representation,
            )
        )
        zip_scratch = Path(scratch) / f"{objid}.zip"
        _zip(root, zip_scratch, created)
        directory, zip_path = out / objid, out / f"{objid}.zip"
        if directory.exists():
            shutil.rmtree(directory)
        root.rename(directory)
        zip_scratch.replace(zip_path)
    data = zip_path.read_bytes()
    return Written(
        objid=objid,
        directory=directory,
        zip_path=zip_path,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        case_files=sum(1 for a in content.aggregations if a.kind == "caseFile"),
        meetings=sum(1 for a in content.aggregations if a.kind == "file"),
        records=len(content.records),
        files=len(content.files),
    )
