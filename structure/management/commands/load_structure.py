from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from structure.loader import StructureDataError, load_structure, read_data_file


class Command(BaseCommand):
    help = "Läser in samverkansstrukturen (huvudmän, grupper, regler, uppdrag) från datafilen."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.STRUCTURE_DATA_FILE))
        parser.add_argument(
            "--update",
            action="store_true",
            help="Skriv över befintliga värden med filens (annars skapas bara det som saknas).",
        )

    def handle(self, *args, path: str, update: bool, **options):
        try:
            result = load_structure(read_data_file(Path(path)), update=update)
        except (OSError, StructureDataError) as exc:
            raise CommandError(str(exc)) from exc
        if result.created or result.updated:
            parts = [f"{n} nya {what}" for what, n in result.created.items()]
            parts += [f"{n} uppdaterade {what}" for what, n in result.updated.items()]
            self.stdout.write("Strukturen inläst: " + ", ".join(parts) + ".")
        else:
            self.stdout.write("Strukturen är redan inläst; inget ändrades.")
