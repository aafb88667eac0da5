"""The one write of the archive app: export a group's year as an information package and
record the delivery (with its checksum) in the same transaction as its audit row. The command,
the page and the tests all call `export_year`."""

from __future__ import annotations

import datetime
import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts import permissions
from accounts.models import User
from archive import records
from archive.models import Delivery
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
