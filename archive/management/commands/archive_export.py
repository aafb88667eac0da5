"""`manage.py archive_export --group <slug> --year <yyyy> --out <dir>` (or `--all`): one
information package (SIP) per group and year, as a directory and a zip, each recorded as a
delivery. See README "Arkiv"."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive import services
from structure.models import Group


class Command(BaseCommand):
    help = "Exporterar en grupps år (eller alla gruppers) som informationspaket till e-arkivet."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--group", help="gruppens slug, t.ex. lsg")
        which.add_argument("--all", action="store_true", help="alla grupper med något att leverera")
        parser.add_argument("--year", type=int, required=True, help="det avslutade året, ÅÅÅÅ")
        parser.add_argument("--out", type=Path, required=True, help="katalog för paketen")

    def handle(self, *args, group=None, all=False, year=None, out=None, **options):
        if all:
            groups = list(Group.objects.order_by("slug"))
        else:
            found = Group.objects.filter(slug=group).first()
            if found is None:
                raise CommandError(f"Det finns ingen grupp med slug '{group}'.")
            groups = [found]
        exported = 0
        for each in groups:
            try:
                delivery = services.export_year(group=each, year=year, out=out, by=None)
            except ValidationError as error:
                if all and "inget att leverera" in " ".join(error.messages):
                    self.stdout.write(f"{each.slug}: inget att leverera {year}.")
                    continue
                raise CommandError(" ".join(error.messages)) from error
            exported += 1
            self.stdout.write(
                f"{each.slug}: {delivery.path} ({delivery.meetings} möten, "
                f"{delivery.case_files} ärendeakter, {delivery.records} handlingar) "
                f"SHA-256 {delivery.sha256}"
            )
        self.stdout.write(f"{exported} paket.")
