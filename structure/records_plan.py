"""The informationshanteringsplan: which record types the structure produces, under which
activity, and whether each is kept or may be thinned (and when).

It is data (`settings.RECORDS_PLAN_FILE`, by default `structure/data/informationshanteringsplan
.yaml`), read into frozen values by a pure function; the e-archive export classifies every
record by it and leaves out what it thins. A fault in the file is told in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

KEEP = "bevaras"
THIN = "gallras"


@dataclass(frozen=True)
class RecordType:
    key: str
    name: str
    action: str  # bevaras / gallras
    period: str  # when it may be thinned ("2 år", "vid inaktualitet"); empty when kept


@dataclass(frozen=True)
class Activity:
    code: str
    name: str
    description: str
    record_types: tuple[RecordType, ...]


@dataclass(frozen=True)
class RecordsPlan:
    id: str
    name: str
    valid_from: str
    activities: tuple[Activity, ...]

    def _find(self, key: str) -> tuple[Activity, RecordType] | None:
        for activity in self.activities:
            for record_type in activity.record_types:
                if record_type.key == key:
                    return activity, record_type
        return None

    def keeps(self, key: str) -> bool:
        """A record type the plan names and keeps; one it does not name is never exported
        (an unplanned type is a question for the archive authority, not a default)."""
        found = self._find(key)
        return found is not None and found[1].action == KEEP

    def record_type(self, key: str) -> RecordType:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found[1]

    def activity_of(self, key: str) -> str:
        found = self._find(key)
        return found[0].code if found else ""

    def code_of(self, key: str) -> str:
        """The record type's classification code: activity code and the type's place in it."""
        for activity in self.activities:
            for index, record_type in enumerate(activity.record_types, start=1):
                if record_type.key == key:
                    return f"{activity.code}.{index}"
        return ""

    def thinned_types(self) -> list[str]:
        return [rt.key for a in self.activities for rt in a.record_types if rt.action == THIN]


def parse_plan(data: dict) -> RecordsPlan:
    """The plan from the file's mapping; raises ValueError in Swedish on a fault."""
    try:
        head = data["plan"]
        activities = []
        seen: set[str] = set()
        for entry in data["activities"]:
            types = []
            for key, spec in entry["record_types"].items():
                action = spec["action"]
                if action not in (KEEP, THIN):
                    raise ValueError(
                        f"Handlingstypen {key}: åtgärden ska vara '{KEEP}' eller '{THIN}', "
                        f"inte '{action}'."
                    )
                if action == THIN and not spec.get("period"):
                    raise ValueError(f"Handlingstypen {key} gallras men saknar gallringsfrist.")
                if key in seen:
                    raise ValueError(f"Handlingstypen {key} finns två gånger i planen.")
                seen.add(key)
                types.append(RecordType(key, spec["name"], action, str(spec.get("period", ""))))
            activities.append(
                Activity(
                    str(entry["code"]), entry["name"], entry.get("description", ""), tuple(types)
                )
            )
        return RecordsPlan(
            str(head["id"]), head["name"], str(head["valid_from"]), tuple(activities)
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"Informationshanteringsplanen saknar eller har fel i {error}.") from error


def records_plan(path: Path | str | None = None) -> RecordsPlan:
    path = Path(path or settings.RECORDS_PLAN_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return parse_plan(data)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise ImproperlyConfigured(f"Informationshanteringsplanen {path}: {error}") from error
