"""Kolada's areas: the country's regions come from a data file; the county's own principals
name their own areas (R-F3)."""

from followup.areas import COUNTRY, REGIONS, area_names


def test_the_country_s_regions_are_read_from_the_data_file():
    assert len(REGIONS) == 21
    assert all(len(area) == 4 and area.startswith("00") for area in REGIONS)
    assert COUNTRY not in REGIONS
    assert REGIONS["0001"] == "Region Stockholm"


def test_the_structure_s_principals_name_their_own_areas():
    names = area_names({"27": "Region Fjällmark", "2701": "Fjällby"})
    assert names["0027"] == "Region Fjällmark"
    assert names["2701"] == "Fjällby"
    assert names[COUNTRY] == "Riket"
