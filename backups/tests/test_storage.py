"""Backups read and write the uploaded files through the storage API, wherever they live
(an S3 bucket shared by several app servers as well as MEDIA_ROOT)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from backups.archive import _stored_names


@pytest.fixture
def storage_elsewhere(settings):
    """Uploads in a storage that is not a directory on this machine (as S3 is not)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    default_storage.save("papers/2026/dagordning.pdf", ContentFile(b"%PDF-1.4 dagordning"))
    default_storage.save("cases/2026/bilaga.docx", ContentFile(b"bilaga"))
    return default_storage


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_back_files_that_are_not_under_media_root(
    structure, storage_elsewhere, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "finns-inte"
    call_command("backup", str(tmp_path / "kopia"))
    assert (tmp_path / "kopia" / "media" / "papers" / "2026" / "dagordning.pdf").exists()

    storage_elsewhere.delete("papers/2026/dagordning.pdf")
    storage_elsewhere.save("stray.txt", ContentFile(b"efter kopian"))
    call_command("restore", str(tmp_path / "kopia"), yes=True)

    assert _stored_names() == ["cases/2026/bilaga.docx", "papers/2026/dagordning.pdf"]
    with storage_elsewhere.open("papers/2026/dagordning.pdf", "rb") as handle:
        assert handle.read() == b"%PDF-1.4 dagordning"
    assert not (tmp_path / "finns-inte").exists()
