"""Load a collaboration structure from its data file into the database (idempotent).

By default only what is missing is created, so a coordinator's later edits in the admin survive
`make run`. With `update=True` the file wins and existing rows are overwritten.

The file describes one county: its names and codes (`county`), its principals, its geographic
groupings (optional) and its groups with their rules. See the README, "The structure as data".
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from structure.models import (
    County,
    DecisionBody,
    GeographicGrouping,
    Group,
    GroupKind,
    Level,
    Mandate,
    Principal,
    SpecialRole,
    StructurePeriod,
)
from structure.rules import SeatRule

GROUP_FIELDS = (
    "name",
    "short_name",
    "kind",
    "level",
    "order",
    "reports_to_principals",
    "seat_rule",
    "seats_text",
    "chair_rule",
    "chair_anchor_year",
    "chair_anchor_side",
    "chair_side",
    "active_from",
    "active_to",
    "meetings_min",
    "meetings_max",
    "paper_deadline_days",
    "paper_deadline_unit",
    "papers_sent_by",
    "minutes_approval",
    "minutes_taker",
    "minutes_public",
    "meeting_form",
    "nomination_years",
    "assignment_review_months",
    "meeting_forms_review_months",
    "self_evaluation_months",
    "follow_up_by",
    "decides_itself",
    "gives_recommendations",
    "special_role",
)


class StructureDataError(ValueError):
    """The data file is not a valid structure; the message is Swedish and names the place."""


@dataclass
class LoadResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[what] = bucket.get(what, 0) + 1

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def read_data_file(path: Path | str | None = None) -> dict[str, Any]:
    """The structure file at `path`; without one, the deployment's (`STRUCTURE_DATA_FILE`)."""
    path = path or settings.STRUCTURE_DATA_FILE
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise StructureDataError(f"{path}: filen innehåller ingen struktur.")
    return data


def _checked(obj, label: str) -> None:
    """The model's own checks, told as a fault in the file (the command prints it)."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise StructureDataError(f"{label.capitalize()}, {obj}: {' '.join(exc.messages)}") from exc


def _upsert(model, lookup: dict, values: dict, *, update: bool, result: LoadResult, label: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        _checked(obj, label)
        obj.save()
        result.count(label, created=True)
        return obj
    if update:
        changed = [k for k, v in values.items() if getattr(obj, k) != v]
        if changed:
            for key in changed:
                setattr(obj, key, values[key])
            _checked(obj, label)
            obj.save()
            result.count(label, created=False)
    return obj


def _validate_group(entry: dict) -> None:
    slug = entry.get("slug", "?")
    if entry.get("kind") not in GroupKind.values:
        raise StructureDataError(f"Grupp {slug}: okänd typ {entry.get('kind')!r}.")
    if entry.get("level") not in Level.values:
        raise StructureDataError(f"Grupp {slug}: okänd nivå {entry.get('level')!r}.")
    if entry.get("special_role", "") not in SpecialRole.values:
        raise StructureDataError(f"Grupp {slug}: okänd roll {entry.get('special_role')!r}.")
    try:
        SeatRule.from_dict(entry.get("seat_rule") or {})
    except ValueError as exc:
        raise StructureDataError(f"Grupp {slug}: {exc}") from exc


def _add_missing_role(group: Group, role: str) -> None:
    """A role the file gives reaches an existing database too (the code finds the patient-safety
    council and the assistive devices council by role), unless a coordinator has given it to
    another group since."""
    if role and not group.special_role and not Group.objects.with_role(role).exists():
        group.special_role = role
        group.full_clean()
        group.save()


def _county_values(entry: Any) -> dict[str, str]:
    """The `county` section: names and codes; the rest has defaults derived from them."""
    if not isinstance(entry, dict):
        raise StructureDataError("Avsnittet county ska ange länets namn och kod.")
    missing = [key for key in ("name", "short_name", "code") if not entry.get(key)]
    if missing:
        raise StructureDataError(f"Länet saknar {', '.join(missing)}.")
    unknown = sorted(set(entry) - COUNTY_KEYS)
    if unknown:
        raise StructureDataError(f"Okända nycklar för länet: {', '.join(unknown)}.")
    code = str(entry["code"])
    short_name = str(entry["short_name"])
    return {
        "code": code,
        "name": str(entry["name"]),
        "short_name": short_name,
        "collaboration_name": str(
            entry.get("collaboration_name") or f"Samverkan vård och omsorg {short_name}"
        ),
        "organisation_number": str(entry.get("organisation_number") or ""),
        "kolada_area": str(entry.get("kolada_area") or code.zfill(4)),
        "calendar_domain": str(entry.get("calendar_domain") or ""),
    }


COUNTY_KEYS = {
    "name",
    "short_name",
    "code",
    "collaboration_name",
    "organisation_number",
    "kolada_area",
    "calendar_domain",
}


def _check_principals(entries: list[dict], county: dict | None, has_groupings: bool) -> None:
    for entry in entries:
        if entry.get("side") == "municipality" and has_groupings and not entry.get("grouping"):
            raise StructureDataError(
                f"Huvudman {entry.get('name')}: ange gruppering (länet har grupperingar)."
            )
        if county and entry.get("side") == "region" and str(entry.get("code")) != county["code"]:
            raise StructureDataError(
                f"Huvudman {entry.get('name')}: regionens kod ska vara länskoden {county['code']}."
            )


@transaction.atomic
def load_structure(data: dict[str, Any], *, update: bool = False) -> LoadResult:
    """Create (or with `update`, overwrite) the county, principals, groupings, groups and
    mandates."""
    result = LoadResult()
    county = _county_values(data["county"]) if "county" in data else None
    _check_principals(list(data.get("principals", [])), county, bool(data.get("groupings")))
    if county:
        code = county.pop("code")
        _upsert(County, {"code": code}, county, update=update, result=result, label="län")
        county["code"] = code
    structure = data.get("structure") or {}
    if structure:
        previous = structure.get("previous")
        if previous:
            _upsert(
                StructurePeriod,
                {"name": previous["name"]},
                {
                    "effective_from": previous.get("effective_from", datetime.date(2000, 1, 1)),
                    "effective_to": previous["effective_to"],
                },
                update=update,
                result=result,
                label="strukturperioder",
            )
        _upsert(
            StructurePeriod,
            {"name": structure["name"]},
            {"effective_from": structure["effective_from"], "effective_to": None},
            update=update,
            result=result,
            label="strukturperioder",
        )

    groupings = {}
    for entry in data.get("groupings", []):
        groupings[entry["slug"]] = _upsert(
            GeographicGrouping,
            {"slug": entry["slug"]},
            {"name": entry["name"], "order": entry.get("order", 0)},
            update=update,
            result=result,
            label="grupperingar",
        )

    default_bodies = data.get("default_municipal_decision_bodies", [])
    principals = {}
    for entry in data.get("principals", []):
        grouping_slug = entry.get("grouping")
        if grouping_slug and grouping_slug not in groupings:
            raise StructureDataError(
                f"Huvudman {entry['name']}: okänd gruppering {grouping_slug!r}."
            )
        principal = _upsert(
            Principal,
            {"code": str(entry["code"])},
            {
                "name": entry["name"],
                "slug": entry["slug"],
                "side": entry["side"],
                "grouping": groupings.get(grouping_slug),
            },
            update=update,
            result=result,
            label="huvudmän",
        )
        principals[principal.slug] = principal
        bodies = entry.get("decision_bodies") or (
            default_bodies if principal.side == "municipality" else []
        )
        for body in bodies:
            _upsert(
                DecisionBody,
                {"principal": principal, "name": body},
                {},
                update=update,
                result=result,
                label="beslutsinstanser",
            )

    entries = list(data.get("groups", []))
    local = data.get("local_collaboration")
    if local:
        region = next((p.name for p in principals.values() if p.side == "region"), "regionen")
        for principal in principals.values():
            if principal.side != "municipality":
                continue
            fill = {"municipality": principal.name, "region": region}
            entries.append(
                {
                    "slug": f"lokal-samverkan-{principal.slug}",
                    "name": local["name"].format(**fill),
                    "short_name": principal.name,
                    "kind": GroupKind.LOCAL_COLLABORATION,
                    "level": Level.LOCAL,
                    "order": local.get("order", 70),
                    "principal": principal.slug,
                    "mandate": {k: v.format(**fill) for k, v in local["mandate"].items()},
                }
            )

    roles = [entry["special_role"] for entry in entries if entry.get("special_role")]
    repeated = sorted({role for role in roles if roles.count(role) > 1})
    if repeated:
        raise StructureDataError(f"Rollen {repeated[0]!r} får bara ges till en grupp.")
    groups = {}
    for entry in entries:
        _validate_group(entry)
        values = {key: entry[key] for key in GROUP_FIELDS if key in entry}
        values.setdefault("seat_rule", {})
        if entry.get("grouping"):
            values["grouping"] = groupings[entry["grouping"]]
        if entry.get("principal"):
            values["principal"] = principals[entry["principal"]]
        groups[entry["slug"]] = _upsert(
            Group, {"slug": entry["slug"]}, values, update=update, result=result, label="grupper"
        )
        _add_missing_role(groups[entry["slug"]], entry.get("special_role", ""))

    # Second pass: links between groups may point forward in the file.
    for entry in entries:
        group = groups[entry["slug"]]
        links = {}
        for key in ("reports_to", "ex_officio_from"):
            target = entry.get(key)
            if target and target not in groups:
                raise StructureDataError(f"Grupp {entry['slug']}: okänd grupp {target!r} i {key}.")
            links[key] = groups.get(target) if target else None
        missing = {k: v for k, v in links.items() if getattr(group, k) is None and v is not None}
        wanted = links if update else missing
        if any(getattr(group, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(group, key, value)
            _checked(group, "grupper")
            group.save()

        mandate = entry.get("mandate")
        if mandate:
            _upsert(
                Mandate,
                {
                    "group": group,
                    "effective_from": mandate.get(
                        "effective_from", structure.get("effective_from")
                    ),
                },
                {
                    "assignment": mandate["assignment"].strip(),
                    "mandate": mandate["mandate"].strip(),
                    "reporting_path": mandate["reporting_path"].strip(),
                },
                update=update,
                result=result,
                label="uppdragsbeskrivningar",
            )
    return result
