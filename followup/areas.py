"""Which areas an indicator value may belong to, in Kolada's ids.

Kolada names a municipality by its four-digit code, a region by "00" plus the county code and
the whole country as 0000. The principals of the structure are the county's own (its region's
id is the county's `kolada_area`, see `structure.county`); the other regions and the country are
comparison areas.
"""

from __future__ import annotations

COUNTRY = "0000"

REGIONS = {
    "0001": "Region Stockholm",
    "0003": "Region Uppsala",
    "0004": "Region Sörmland",
    "0005": "Region Östergötland",
    "0006": "Region Jönköpings län",
    "0007": "Region Kronoberg",
    "0008": "Region Kalmar län",
    "0009": "Region Gotland",
    "0010": "Region Blekinge",
    "0012": "Region Skåne",
    "0013": "Region Halland",
    "0014": "Västra Götalandsregionen",
    "0017": "Region Värmland",
    "0018": "Region Örebro län",
    "0019": "Region Västmanland",
    "0020": "Region Dalarna",
    "0021": "Region Gävleborg",
    "0022": "Region Västernorrland",
    "0023": "Region Jämtland Härjedalen",
    "0024": "Region Västerbotten",
    "0025": "Region Norrbotten",
}


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
