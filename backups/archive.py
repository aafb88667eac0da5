"""A backup is one directory holding the database and the uploaded files together, with a
manifest of checksums, so a restore brings back a consistent whole or refuses.

The uploaded files are read and written through Django's storage API (`default_storage`), so the
same commands work whether uploads live under MEDIA_ROOT or in an S3 bucket shared by several
app servers.

PostgreSQL is dumped with pg_dump (custom format) and restored with pg_restore; SQLite is copied
with its online backup API, which is consistent while the site keeps running."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
MEDIA_DIR = "media"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): _sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _stored_names(directory: str = "") -> list[str]:
    """Every file in the default storage, as storage names ("papers/2026/x.pdf")."""
    try:
        folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{f}" if directory else f for f in files]
    for folder in folders:
        names += _stored_names(f"{directory}/{folder}" if directory else folder)
    return sorted(names)


def _copy_out_of_storage(target: Path) -> None:
    for name in _stored_names():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, destination.open("wb") as handle:
            shutil.copyfileobj(source, handle)


def _replace_storage_with(source: Path) -> None:
    for name in _stored_names():
        default_storage.delete(name)
    if not source.exists():
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            name = path.relative_to(source).as_posix()
            with path.open("rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:
                raise BackupError(f"Filen {name} kunde inte återställas med sitt namn.")


def _pg_tool(name: str) -> str:
    directory = getattr(settings, "PG_BIN_DIR", "")
    return str(Path(directory) / name) if directory else (shutil.which(name) or name)


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} misslyckades: {result.stderr.strip()[:500]}")


def back_up(target: Path) -> dict:
    """Write the database and the uploaded files into `target` (a new or empty directory)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"Katalogen {target} är inte tom.")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        database_file = SQLITE_FILE
    elif vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target / PG_FILE}",
                name,
            ]
        )
        database_file = PG_FILE
    else:
        raise BackupError(f"Databasen {vendor} stöds inte.")
    _copy_out_of_storage(target / MEDIA_DIR)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database": database_file,
        "database_sha256": _sha256(target / database_file),
        "files": _files(target / MEDIA_DIR),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def restore(source: Path) -> dict:
    """Replace the database and the uploaded files with the backup in `source`, once checked."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} innehåller ingen läsbar säkerhetskopia.") from exc
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"Säkerhetskopian är från {manifest['vendor']}, databasen är {connection.vendor}."
        )
    database = source / manifest["database"]
    if _sha256(database) != manifest["database_sha256"]:
        raise BackupError("Databasfilen i säkerhetskopian är skadad (kontrollsumman stämmer inte).")
    if _files(source / MEDIA_DIR) != manifest["files"]:
        raise BackupError("Filerna i säkerhetskopian stämmer inte med förteckningen.")

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(database)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        connection.close()
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(database),
            ]
        )

    _replace_storage_with(source / MEDIA_DIR)
    return manifest
