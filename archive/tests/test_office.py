"""The office converter (`archive/office.py`) on its own, and the one list of accepted formats
that README "Arkiv" repeats."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from archive import office, records
from testing import office_files

needs_soffice = pytest.mark.skipif(
    not office.available(),
    reason="LibreOffice (soffice) is not installed here; CI installs it (.ci/run, README 'Arkiv')",
)


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "soffice"
    script.write_text(
        f'#!/bin/sh\nif [ "$1" = "--version" ]; then echo "LibreOffice 0.0 test"; exit 0; fi\n'
        f"{body}\n"
    )
    script.chmod(0o755)
    return str(script)


@needs_soffice
def test_a_docx_becomes_a_pdf_a_2b():
    pdf = office.convert(office_files.docx("KONVERTERAD-TEXT"), ".docx")
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
    assert "KONVERTERAD-TEXT" in reader.pages[0].extract_text()
    assert office.version().startswith("LibreOffice ")


@needs_soffice
def test_a_file_libreoffice_cannot_read_is_refused_with_a_reason():
    with pytest.raises(office.ConversionError, match="kunde inte läsa filen"):
        office.convert(b"PK\x03\x04 inte en docx", ".docx")


def test_a_type_it_does_not_convert_is_refused_without_running_anything(settings, tmp_path):
    settings.ARCHIVE_SOFFICE = _fake_soffice(tmp_path, f"touch {tmp_path}/ran")
    with pytest.raises(office.ConversionError, match="konverteras inte"):
        office.convert(b"%PDF-1.4", ".pdf")
    assert not (tmp_path / "ran").exists()


def test_a_conversion_that_hangs_is_stopped_after_the_timeout(settings, tmp_path):
    settings.ARCHIVE_SOFFICE = _fake_soffice(tmp_path, "sleep 60")
    settings.ARCHIVE_CONVERT_TIMEOUT = 1
    with pytest.raises(office.ConversionError, match="längre än 1 sekunder"):
        office.convert(office_files.docx("x"), ".docx")


def test_without_soffice_it_says_so(settings, tmp_path):
    settings.ARCHIVE_SOFFICE = str(tmp_path / "missing")
    assert not office.available()
    with pytest.raises(office.ConversionError, match="finns inte på servern"):
        office.convert(office_files.docx("x"), ".docx")


def _readme_section() -> str:
    text = (Path(django_settings.BASE_DIR) / "README.md").read_text("utf-8")
    return text[text.index("### Accepted formats") : text.index("### Classification")]


def test_the_readme_names_exactly_the_accepted_formats_of_the_code():
    section = _readme_section()
    taken = re.search(r"Taken as they are: (.*?)\.\s", section, re.S).group(1)
    named = set(re.findall(r"\b[A-Z]{3,4}\b", taken)) - {"PDF/A"}
    aliases = {"JPG": "JPEG", "TIF": "TIFF"}
    in_code = {
        aliases.get(s.lstrip(".").upper(), s.lstrip(".").upper()) for s in records.ACCEPTED_TYPES
    }
    assert named == in_code
    # Twin: every type the converter renders is named in the same section.
    for suffix in office.CONVERTIBLE:
        assert f"`{suffix}`" in section, suffix
