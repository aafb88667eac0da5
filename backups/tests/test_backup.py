"""Backup → wipe → restore brings back every table row for row and every uploaded file."""

import datetime
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from cases import services
from structure.models import Group, Membership


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Row count and a content hash of every table (rows sorted, so order does not matter)."""
    qn = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {qn(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def media_fingerprint(root) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def content(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    coordinator = User.objects.get(username="koordinator")
    group = Group.objects.get(slug="lsg")
    person = Membership.objects.filter(group=group, kind="ordinary").first().person
    for n in range(2):
        services.raise_case(
            group=group,
            by=coordinator,
            submitted_by=person,
            title=f"Ärende {n}",
            description="Beskrivning",
            proposal="Förslag",
            raised_on=datetime.date(2026, 3, 2),
            documents=[SimpleUploadedFile(f"bilaga-{n}.pdf", b"%PDF-1.4\n" + bytes([n]) * 100)],
        )
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_table_and_file(content, tmp_path):
    tables, files = table_fingerprints(), media_fingerprint(content)
    assert len(files) == 2
    assert tables["cases_case"][0] == 2

    call_command("backup", str(tmp_path / "kopia"))
    call_command("flush", interactive=False)
    for path in content.rglob("*"):
        if path.is_file():
            path.unlink()
    assert table_fingerprints() != tables
    assert media_fingerprint(content) == {}

    call_command("restore", str(tmp_path / "kopia"), yes=True)
    assert table_fingerprints() == tables
    assert media_fingerprint(content) == files


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_nothing_changes(content, tmp_path):
    call_command("backup", str(tmp_path / "kopia"))
    tables = table_fingerprints()
    next((tmp_path / "kopia" / "media").rglob("*.pdf")).write_bytes(b"changed")
    with pytest.raises(CommandError, match="stämmer inte"):
        call_command("restore", str(tmp_path / "kopia"), yes=True)
    assert table_fingerprints() == tables


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_directory_that_is_not_empty(content, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(CommandError, match="inte tom"):
        call_command("backup", str(tmp_path / "full"))
