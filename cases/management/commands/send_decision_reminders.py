import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.services import send_reminders


class Command(BaseCommand):
    help = (
        "Påminner registratorer vars huvudman inte har beslutat om en expedierad rekommendation. "
        "Körs dagligen; en andra körning samma dag skickar inget nytt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dagar",
            type=int,
            default=settings.DECISION_REMINDER_DAYS,
            help="Antal dagar efter expediering innan påminnelse (standard: %(default)s).",
        )
        parser.add_argument("--datum", help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args, dagar: int, datum: str | None, **options):
        try:
            today = datetime.date.fromisoformat(datum) if datum else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Datum ska skrivas ÅÅÅÅ-MM-DD.") from exc
        if dagar < 0:
            raise CommandError("Antal dagar kan inte vara negativt.")
        sent = send_reminders(today=today, days=dagar)
        self.stdout.write(f"Påminnelser skickade till {sent} registratorer.")
