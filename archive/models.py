"""The record of each delivery to the e-archive: what was exported, when, by whom, and the
package's checksum, so that a later delivery of the same period can be compared with it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Delivery(models.Model):
    """One information package (SIP) of one group and year, as exported."""

    group = models.ForeignKey(
        "structure.Group", verbose_name="grupp", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("år")
    package_id = models.CharField("paketets id (OBJID)", max_length=200)
    file_name = models.CharField("filnamn", max_length=255)
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64)
    size = models.PositiveBigIntegerField("storlek (byte)")
    case_files = models.PositiveIntegerField("ärendeakter", default=0)
    meetings = models.PositiveIntegerField("möten", default=0)
    records = models.PositiveIntegerField("handlingar", default=0)
    files = models.PositiveIntegerField("filer", default=0)
    exported_at = models.DateTimeField("exporterad")
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="exporterad av",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "arkivleverans"
        verbose_name_plural = "arkivleveranser"
        ordering = ["-exported_at", "-pk"]
        indexes = [models.Index(fields=["group", "year"], name="delivery_by_group_year")]

    def __str__(self) -> str:
        return f"{self.package_id} ({self.exported_at:%Y-%m-%d %H:%M})"

    @property
    def same_as_previous(self) -> bool | None:
        """Set by `selectors.deliveries()`: whether the previous delivery of the same group and
        year had the same checksum (None for the first)."""
        return getattr(self, "_same_as_previous", None)


def rendition_path(instance: Rendition, filename: str) -> str:
    return f"arkiv/renditioner/{instance.original_sha256[:2]}/{instance.original_sha256}.pdf"


class Rendition(models.Model):
    """The PDF/A rendition of an uploaded file the e-archive does not take as it is (Word,
    Excel, PowerPoint, OpenDocument), made once by the office converter and kept, so every later
    export delivers the same bytes (a second conversion would differ: LibreOffice stamps its
    PDFs). Found by the SHA-256 of the original's bytes: the same file uploaded twice has one
    rendition, and a file that changed gets a new one."""

    original_sha256 = models.CharField("originalets kontrollsumma (SHA-256)", max_length=64)
    file = models.FileField("rendering", upload_to=rendition_path)
    sha256 = models.CharField("kontrollsumma (SHA-256)", max_length=64)
    size = models.PositiveBigIntegerField("storlek (byte)")
    pdfa = models.CharField("PDF/A-variant", max_length=20)
    converter = models.CharField("konverterare med version", max_length=200)
    created_at = models.DateTimeField("skapad")

    class Meta:
        verbose_name = "arkivrendering"
        verbose_name_plural = "arkivrenderingar"
        constraints = [
            models.UniqueConstraint(fields=["original_sha256"], name="rendition_one_per_original")
        ]

    def __str__(self) -> str:
        return f"{self.pdfa} av {self.original_sha256[:12]} ({self.converter})"
