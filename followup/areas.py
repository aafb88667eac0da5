"""Which areas an indicator value may belong to, in Kolada's ids.

Kolada names a municipality by its four-digit code, a region by "00" plus the county code and
the whole country as 0000. The principals of the structure are the county's own (its region's
id is the county's `kolada_area`, see `structure.county`); the other regions and the country are
comparison areas.
"""

from __future__ import annotations

import csv
from pathlib import Path

COUNTRY = "0000"

# Sweden's regions as Kolada names them: reference data of the country, not of one county, kept
# as data (`data/kolada_regions.csv`).
REGIONS_FILE = Path(__file__).resolve().parent / "data" / "kolada_regions.csv"


def _regions() -> dict[str, str]:
    with open(REGIONS_FILE, encoding="utf-8", newline="") as handle:
        return {row["id"]: row["name"] for row in csv.DictReader(handle, delimiter=";")}


REGIONS = _regions()


def kolada_id(principal_code: str) -> str:
    """A principal's code as Kolada writes it: a region's two-digit county code gets "00" before
    it; a municipality's four digits stay."""
    return principal_code.zfill(4)


def area_names(principal_codes: dict[str, str]) -> dict[str, str]:
    """Every known area id → its name: the country, the regions, and the principals
    (`principal_codes` maps a principal's own code to its name)."""
    names = {COUNTRY: "Riket"}
    names.update(REGIONS)
    for code, name in principal_codes.items():
        names[kolada_id(code)] = name
    return names
