"""`manage.py archive_export`: one group or all, refusals in Swedish."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from archive.models import Delivery
from structure.models import County
from testing import builders as b

YEAR = 2025


@pytest.fixture
def county(structure):
    County.objects.update(organisation_number="232100-0222")


def run(*args) -> str:
    out = io.StringIO()
    call_command("archive_export", *args, stdout=out)
    return out.getvalue()


def test_one_group_gives_a_directory_a_zip_and_a_delivery(county, tmp_path):
    b.meeting("lsg", datetime.date(YEAR, 3, 5))
    output = run("--group", "lsg", "--year", str(YEAR), "--out", str(tmp_path))
    delivery = Delivery.objects.get()
    assert (tmp_path / delivery.package_id / "METS.xml").is_file()
    assert (tmp_path / delivery.file_name).is_file()
    assert delivery.sha256 in output and delivery.exported_by is None


def test_all_exports_every_group_with_something_and_names_the_rest(county, tmp_path):
    b.meeting("lsg", datetime.date(YEAR, 3, 5))
    b.meeting("samrad", datetime.date(YEAR, 4, 5))
    b.meeting("hjalpmedelsradet", datetime.date(YEAR - 1, 4, 5))  # another year: nothing
    output = run("--all", "--year", str(YEAR), "--out", str(tmp_path))
    assert sorted(Delivery.objects.values_list("group__slug", flat=True)) == ["lsg", "samrad"]
    assert "hjalpmedelsradet: inget att leverera" in output
    assert "2 paket." in output


@pytest.mark.parametrize(
    "args, message",
    [
        (["--group", "finns-inte", "--year", str(YEAR)], "Det finns ingen grupp"),
        (["--group", "lsg", "--year", "CURRENT"], "har inte tagit slut"),
        (["--group", "lsg", "--year", "2019"], "inget att leverera"),
    ],
)
def test_refusals_are_told_in_swedish(county, tmp_path, args, message):
    b.meeting("lsg", datetime.date(YEAR, 3, 5))
    args = [str(datetime.date.today().year) if a == "CURRENT" else a for a in args]
    with pytest.raises(CommandError, match=message):
        run(*args, "--out", str(tmp_path))
    assert not Delivery.objects.exists()


def test_without_the_region_s_organisation_number_nothing_is_exported(structure, tmp_path):
    County.objects.update(organisation_number="")
    b.meeting("lsg", datetime.date(YEAR, 3, 5))
    with pytest.raises(CommandError, match="organisationsnummer saknas"):
        run("--group", "lsg", "--year", str(YEAR), "--out", str(tmp_path))
    assert not list(tmp_path.iterdir())
