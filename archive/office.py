"""The office converter: a PDF/A-2b rendition of an uploaded Word, Excel, PowerPoint or
OpenDocument file, made by LibreOffice (`soffice --headless --convert-to pdf:…`).

Each conversion runs in its own temporary directory with its own LibreOffice profile
(`-env:UserInstallation`), so parallel conversions never share state, and is bounded by
`ARCHIVE_CONVERT_TIMEOUT` seconds (the whole process group is killed after it). LibreOffice
writes a creation date and a document id into every PDF, so two conversions of the same file
differ: a rendition is made once and kept (`archive.models.Rendition`, `services.rendition_of`).

No Django models here; `available()` is False where `soffice` is missing (then the export says
that the rendition is missing, as it does for a file LibreOffice cannot read).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from django.conf import settings

# Which LibreOffice module exports which uploaded type (its PDF export filter is per module).
CONVERTIBLE = {
    ".doc": "writer",
    ".docx": "writer",
    ".odt": "writer",
    ".xls": "calc",
    ".xlsx": "calc",
    ".ods": "calc",
    ".ppt": "impress",
    ".pptx": "impress",
    ".odp": "impress",
}
# PDF/A-2b: LibreOffice's SelectPdfVersion 2 (1 is PDF/A-1b, 3 PDF/A-3b).
PDFA_PART = 2
PDFA_NAME = "PDF/A-2b"


class ConversionError(Exception):
    """The file could not be converted; the message (Swedish) goes into the record's note."""


def soffice() -> str | None:
    """The converter's path, or None where it is not installed."""
    return shutil.which(settings.ARCHIVE_SOFFICE)


def available() -> bool:
    return soffice() is not None


@cache
def _version(path: str) -> str:
    result = subprocess.run(
        [path, "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    # "LibreOffice 7.4.7.2 40(Build:2)"
    return result.stdout.strip().splitlines()[0] if result.stdout.strip() else "LibreOffice"


def _installed_soffice() -> str:
    path = soffice()
    if path is None:
        raise ConversionError("LibreOffice (soffice) finns inte på servern.")
    return path


def module_for(suffix: str) -> str:
    """The LibreOffice module that converts a file ending in `suffix`; ConversionError if none
    does (asked before the file is read)."""
    module = CONVERTIBLE.get(suffix.lower())
    if module is None:
        raise ConversionError(f"Filtypen {suffix} konverteras inte.")
    return module


def version() -> str:
    return _version(_installed_soffice())


def _filter(module: str) -> str:
    options = json.dumps(
        {"SelectPdfVersion": {"type": "long", "value": str(PDFA_PART)}}, separators=(",", ":")
    )
    return f"pdf:{module}_pdf_Export:{options}"


def convert(data: bytes, suffix: str) -> bytes:
    """The PDF/A-2b rendition of `data` (a file ending in `suffix`); ConversionError if there
    is no converter, the type is not one it converts, it fails or it takes too long."""
    module = module_for(suffix)
    path = _installed_soffice()
    timeout = settings.ARCHIVE_CONVERT_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="samverkan-soffice-") as scratch:
        work = Path(scratch)
        source = work / f"original{suffix.lower()}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            path,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            _filter(module),
            "--outdir",
            str(out),
            str(source),
        ]
        # Its own session, so a timeout ends soffice.bin too (oosplash starts it as a child).
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=work,
            env={**os.environ, "HOME": str(work)},
            start_new_session=True,
        )
        try:
            _, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise ConversionError(
                f"Konverteringen tog längre än {timeout} sekunder och avbröts."
            ) from None
        result = out / "original.pdf"
        if process.returncode != 0 or not result.is_file():
            raise ConversionError("LibreOffice kunde inte läsa filen.")
        pdf = result.read_bytes()
    if not pdf.startswith(b"%PDF-"):
        raise ConversionError("LibreOffice gav ingen PDF.")
    return pdf
