from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, back_up


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen och de uppladdade filerna till en ny katalog."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Ny eller tom katalog för kopian.")

    def handle(self, *args, directory: Path, **options):
        try:
            manifest = back_up(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Säkerhetskopia skapad i {directory}: databas ({manifest['vendor']}) och "
            f"{len(manifest['files'])} filer."
        )
