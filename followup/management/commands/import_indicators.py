"""`manage.py import_indicators FILE` (Kolada-shaped JSON or CSV), or
`manage.py import_indicators --kolada KPI --areas 00XX,0000 --years 2023,2024,2025` (without
`--areas`: the county's own region, from the structure data, and the country)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from followup import imports
from followup.areas import COUNTRY
from structure import county


class Command(BaseCommand):
    help = "Importerar indikatorvärden från en fil (Kolada-JSON eller CSV) eller Koladas API."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Fil (.json eller .csv)")
        parser.add_argument("--kolada", metavar="KPI", help="Hämta från Koladas API")
        parser.add_argument(
            "--areas", default="", help="Kolada-id, kommaseparerade (standard: regionen och riket)"
        )
        parser.add_argument("--years", default="", help="År, kommaseparerade")

    def handle(self, *args, path=None, kolada=None, areas="", years="", **options):
        if bool(path) == bool(kolada):
            raise CommandError("Ange antingen en fil eller --kolada KPI.")
        try:
            if path:
                file = Path(path)
                if not file.is_file():
                    raise CommandError(f"Filen {path} finns inte.")
                rows = imports.parse(file.read_text(encoding="utf-8"), file.name)
                result = imports.store(rows, from_kolada=False)
            else:
                year_list = [int(y) for y in years.split(",") if y.strip().isdigit()]
                if not year_list:
                    raise CommandError("Ange år med --years, t.ex. 2023,2024,2025.")
                area_list = [a.strip() for a in areas.split(",") if a.strip()]
                if not area_list:
                    area_list = [a for a in (county.current().kolada_area, COUNTRY) if a]
                text = imports.fetch_kolada(kolada, area_list, year_list)
                rows = imports.parse_kolada_json(text)
                result = imports.store(rows, from_kolada=True)
        except imports.ImportRefused as exc:
            raise CommandError(f"Inget importerades. {exc}") from None
        except UnicodeDecodeError:
            raise CommandError("Inget importerades. Filen är inte UTF-8.") from None
        self.stdout.write(
            f"Importerat: {result.created} nya, {result.updated} ändrade, "
            f"{result.unchanged} oförändrade värden."
        )
