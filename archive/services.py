"""The writes of the archive app: export a group's year as an information package and record
the delivery (with its checksum) in the same transaction as its audit row; on the way, make
and keep the PDF/A rendition of each uploaded office file the package needs and that has none
yet (`rendition_of`). The command, the page and the tests all call `export_year`."""

from __future__ import annotations

import datetime
import hashlib
import tomllib
from dataclasses import replace
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from archive import office, records
from archive.models import Delivery, Rendition
from archive.package import package_id, write_package
from audit import services as audit
from structure import county
from structure.models import Group
from structure.records_plan import records_plan

SOFTWARE_NAME = "Samverkan"


@cache
def software_version() -> str:
    """The product's version from pyproject.toml (the package's own metadata may be absent
    where the checkout runs without being installed)."""
    data = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text("utf-8"))
    return data["project"]["version"]


def region_agent() -> records.Agent:
    """The submitting organisation: the region, with the organisation number from the
    structure data (`county.organisation_number`)."""
    facts = county.current()
    if not facts.organisation_number:
        raise ValidationError(
            "Länets organisationsnummer saknas i strukturdata (county.organisation_number); "
            "ett arkivpaket måste ange den levererande organisationen."
        )
    return records.Agent(
        agent_type="other",
        other_type="levererande organisation",
        name=facts.region_name,
        organisation=facts.region_name,
        id_number=facts.organisation_number,
    )


def validate_year(year: int, today: datetime.date) -> None:
    """Only a closed period is delivered: a year that has ended."""
    if year >= today.year:
        raise ValidationError(f"Året {year} har inte tagit slut; bara avslutade år levereras.")
    if year < 2000:
        raise ValidationError(f"Året {year} ligger före strukturens tid.")


def export_year(
    *,
    group: Group,
    year: int,
    out: Path,
    by: User | None,
    at: datetime.datetime | None = None,
) -> Delivery:
    """Write the SIP of `group`'s `year` under `out` and record the delivery. `by` None is the
    system (the management command); a user must be allowed to export."""
    if by is not None:
        permissions.require(permissions.can_export_archive(by))
    at = at or timezone.now()
    validate_year(year, timezone.localdate(at))
    plan = records_plan()
    region = region_agent()
    content = records.collect(group=group, year=year, plan=plan)
    if not content.aggregations:
        raise ValidationError(
            f"{group.name} har inga möten och inga avslutade ärenden {year}: inget att leverera."
        )
    content = content.with_records(lambda record: _with_rendition(record, by=by))
    written = write_package(
        content=content,
        plan=plan,
        objid=package_id(organisation_number=region.id_number, group_slug=group.slug, year=year),
        region=region,
        software=(SOFTWARE_NAME, software_version()),
        out=Path(out),
    )
    with transaction.atomic():
        delivery = Delivery.objects.create(
            group=group,
            year=year,
            package_id=written.objid,
            file_name=written.zip_path.name,
            sha256=written.sha256,
            size=written.size,
            case_files=written.case_files,
            meetings=written.meetings,
            records=written.records,
            files=written.files,
            exported_at=at,
            exported_by=by,
        )
        audit.record_write(
            actor=by,
            action="archive.export_year",
            target=delivery,
            before=None,
            after=audit.snapshot(delivery),
        )
    delivery.path = written.zip_path
    delivery.directory = written.directory
    return delivery


def rendition_of(*, data: bytes, suffix: str, by: User | None) -> Rendition:
    """The kept PDF/A rendition of the uploaded file `data` (ending in `suffix`), made now by
    the office converter if it has none: made once, so every later export delivers the same
    bytes. office.ConversionError (with the reason, in Swedish) if it cannot be made. Called by
    `export_year`."""
    if by is not None:
        permissions.require(permissions.can_export_archive(by))
    original_sha256 = hashlib.sha256(data).hexdigest()
    kept = Rendition.objects.filter(original_sha256=original_sha256).first()
    if kept is not None:
        return kept
    converter = office.version()
    pdf = office.convert(data, suffix)  # outside the transaction: it may take seconds
    rendition = Rendition(
        original_sha256=original_sha256,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        pdfa=office.PDFA_NAME,
        converter=converter,
        created_at=timezone.now().replace(microsecond=0),
    )
    rendition.file.save("rendering.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            rendition.save()
            audit.record_write(
                actor=by,
                action="archive.make_rendition",
                target=rendition,
                before=None,
                after=audit.snapshot(rendition),
            )
    except IntegrityError:
        # Another export made it meanwhile: keep that one, drop this copy.
        rendition.file.storage.delete(rendition.file.name)
        return Rendition.objects.get(original_sha256=original_sha256)
    return rendition


def _with_rendition(record: records.Record, *, by: User | None) -> records.Record:
    """The record with the PDF/A rendition of its file beside it where the e-archive does not
    take the file as it is, or with the reason there is none."""
    original = record.file
    if original is None or original.accepted:
        return record
    suffix = Path(original.path).suffix.lower()
    try:
        office.module_for(suffix)
        rendition = rendition_of(data=original.read(), suffix=suffix, by=by)
    except office.ConversionError as error:
        return replace(record, rendition_missing=str(error))
    stem = original.path[: -len(suffix)]
    return replace(
        record,
        file=replace(original, group=record.id),
        rendition=records.FileRef(
            path=f"{stem}-pdfa.pdf",
            read=records.field_reader(rendition.file),
            mimetype="application/pdf",
            created=rendition.created_at,
            original_name=original.original_name,
            group=record.id,
        ),
        rendition_format=rendition.pdfa,
        converter=rendition.converter,
    )
