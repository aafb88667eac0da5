from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, restore


class Command(BaseCommand):
    help = (
        "Återställer databasen och de uppladdade filerna från en säkerhetskopia. ALLT nuvarande "
        "innehåll ersätts."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Katalog som skapats med backup.")
        parser.add_argument(
            "--yes", action="store_true", help="Fråga inte; ersätt nuvarande innehåll direkt."
        )

    def handle(self, *args, directory: Path, yes: bool, **options):
        if (
            not yes
            and input("Allt nuvarande innehåll ersätts. Skriv ja för att fortsätta: ") != "ja"
        ):
            raise CommandError("Avbrutet; inget ändrades.")
        try:
            manifest = restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Återställt från {directory} (skapad {manifest['created_at']}): databas och "
            f"{len(manifest['files'])} filer."
        )
