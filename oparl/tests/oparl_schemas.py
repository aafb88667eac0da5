"""Validation against the OParl 1.1 JSON schemas in ../shared/standards/oparl-1.1/schema.

The schemas' own keywords are followed: `schema` names the schema of an embedded object,
`references` the type a URL points to (or `externalList` for a paged list of objects).
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from urllib.parse import urlparse

import jsonschema

SCHEMA_DIR = Path(
    os.environ.get(
        "OPARL_SCHEMA_DIR",
        Path(__file__).resolve().parents[2]
        / ".."
        / "shared"
        / "standards"
        / "oparl-1.1"
        / "schema",
    )
)
FALLBACK_DIR = Path("/work/shared/standards/oparl-1.1/schema")
TYPES = [
    "System",
    "Body",
    "LegislativeTerm",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
    "Location",
]

format_checker = jsonschema.FormatChecker()


@format_checker.checks("url")
def _is_url(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlparse(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@format_checker.checks("date-time", raises=ValueError)
def _is_datetime(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value)
    return parsed.tzinfo is not None


@format_checker.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    datetime.date.fromisoformat(value)
    return len(value) == 10


def schema_dir() -> Path:
    return SCHEMA_DIR if SCHEMA_DIR.is_dir() else FALLBACK_DIR


def load(type_name: str) -> dict:
    name = type_name.removesuffix(".json")
    return json.loads((schema_dir() / f"{name}.json").read_text())


def validate(obj: dict, type_name: str) -> None:
    jsonschema.Draft7Validator(load(type_name), format_checker=format_checker).validate(obj)


def type_of(obj: dict) -> str:
    return obj["type"].rsplit("/", 1)[-1]


def links(obj: dict) -> list[tuple[str, str, str | None]]:
    """(kind, value, type) for what the object's schema says to follow:
    ("list", url, item type), ("url", url, type) and ("object", embedded object, type)."""
    found = []
    for prop_name, prop in load(type_of(obj))["properties"].items():
        if prop_name not in obj or prop_name == "id":
            continue
        value = obj[prop_name]
        items = prop.get("items", {})
        references = prop.get("references") or items.get("references")
        embedded = prop.get("schema") if prop.get("type") == "object" else None
        if prop.get("type") == "array" and items.get("type") == "object":
            embedded = items.get("schema")
        if references == "externalList":
            found.append(("list", value, items["schema"].removesuffix(".json")))
        elif references:
            for url in value if isinstance(value, list) else [value]:
                found.append(("url", url, references))
        elif embedded:
            for item in value if isinstance(value, list) else [value]:
                found.append(("object", item, embedded.removesuffix(".json")))
    return found
