"""Documents that users upload (meeting papers, case documents, decision extracts):
which files we take, and the Swedish errors for everything else."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
ALLOWED_DOCUMENT_TYPES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument-text",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ods": "OpenDocument-kalkylblad",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".odp": "OpenDocument-presentation",
    ".txt": "text",
    ".csv": "CSV",
    ".png": "PNG-bild",
    ".jpg": "JPEG-bild",
    ".jpeg": "JPEG-bild",
}


def validate_document(upload: UploadedFile) -> None:
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_DOCUMENT_TYPES:
        allowed = ", ".join(sorted({s.lstrip(".").upper() for s in ALLOWED_DOCUMENT_TYPES}))
        raise ValidationError(
            {"file": f"Filtypen {suffix or '(ingen)'} tas inte emot. Tillåtna typer: {allowed}."}
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                "file": f"Filen är {upload.size / 1024 / 1024:.1f} MB; största tillåtna storlek är "
                f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MB."
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": "Filen är tom."})
    if suffix == ".pdf":
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError({"file": "Filen heter .pdf men är ingen PDF."})
