"""Documents that users upload (meeting papers, case documents, decision extracts):
which files we take, the Swedish errors for everything else, and no file left on disk that no
saved row refers to."""

from contextvars import ContextVar
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import models

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


# Longer names do not fit the title and file-name columns (a title defaults to the file's name).
MAX_NAME_LENGTH = 200
# Content types such as "application/vnd.openxmlformats-officedocument..." stay well below this.
MAX_CONTENT_TYPE_LENGTH = 120


def validate_document(upload: UploadedFile) -> None:
    name = Path(upload.name or "").name
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            {
                "file": f"Filnamnet är {len(name)} tecken långt; högst {MAX_NAME_LENGTH} tecken "
                "går. Byt namn på filen och försök igen."
            }
        )
    if len(upload.content_type or "") > MAX_CONTENT_TYPE_LENGTH:
        raise ValidationError(
            {"file": "Filens typ kunde inte läsas. Spara filen på nytt och försök igen."}
        )
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


# --- No orphan files -----------------------------------------------------------------------

_saved_in_request: ContextVar[list[str] | None] = ContextVar("saved_in_request", default=None)


class TrackedStorageMixin:
    """Remembers which files a request wrote, for the middleware below."""

    def _save(self, name, content):
        name = super()._save(name, content)
        saved = _saved_in_request.get()
        if saved is not None:
            saved.append(name)
        return name


class TrackedFileSystemStorage(TrackedStorageMixin, FileSystemStorage):
    """The default storage on one server (files under MEDIA_ROOT); see `lib.s3` for several."""


def is_referenced(name: str) -> bool:
    """Does any saved row's file field hold this file?"""
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, models.FileField) and (
                model._default_manager.filter(**{field.attname: name}).exists()
            ):
                return True
    return False


class RemoveOrphanUploadsMiddleware:
    """A file is written to disk before its row is inserted; when the insert fails or the
    transaction rolls back, the file would stay behind. After each request, files the request
    wrote that no committed row refers to are deleted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _saved_in_request.set([])
        try:
            return self.get_response(request)
        finally:
            saved = _saved_in_request.get() or []
            _saved_in_request.reset(token)
            for name in saved:
                if not is_referenced(name):
                    default_storage.delete(name)
