"""Another county than the built-in one, for the region-neutral tests (issue 17): a made-up
county's structure file, and the same county without geographic groupings."""

from __future__ import annotations

import copy
from pathlib import Path

from structure.loader import read_data_file

FICTIONAL = (
    Path(__file__).resolve().parents[1] / "structure" / "tests" / "data" / "fiktiva_lan.yaml"
)


def fictional() -> dict:
    """Fjällmarks län: 1 region + 7 municipalities, two groupings, a few groups."""
    return read_data_file(FICTIONAL)


def without_groupings(data: dict) -> dict:
    """The same county with no geographic groupings (they are optional)."""
    data = copy.deepcopy(data)
    data.pop("groupings")
    for principal in data["principals"]:
        principal.pop("grouping", None)
    for group in data["groups"]:
        (group.get("seat_rule") or {}).pop("per_grouping", None)
    return data
