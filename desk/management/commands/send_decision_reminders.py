"""`manage.py send_decision_reminders` (R-C6). It lives in the desk, not in cases, because it
joins the two: cases decides who is reminded of what, the desk who reads it in the daily digest."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.services import send_reminders
from desk.services import receives_digest


class Command(BaseCommand):
    help = (
        "Påminner registratorer vars huvudman inte har beslutat om en expedierad rekommendation: "
        "ett e-postmeddelande per registrator med alla rekommendationer som väntar. Den som får "
        "den dagliga sammanfattningen får påminnelsen där i stället. Körs dagligen; en andra "
        "körning samma dag skickar inget nytt."
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
        sent = send_reminders(today=today, days=dagar, in_digest=receives_digest)
        self.stdout.write(
            f"Påminnelser skickade till {sent} registratorer (de som får den dagliga "
            "sammanfattningen får påminnelsen där)."
        )
