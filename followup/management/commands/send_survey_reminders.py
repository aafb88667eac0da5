"""`manage.py send_survey_reminders`: one reminder to everyone who has not answered an open
survey round (run it once, e.g. a week before the closing date; running it again sends none)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from followup import services


class Command(BaseCommand):
    help = "Skickar en påminnelse till dem som inte har svarat på en öppen enkät (högst en gång)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum", help="Dagens datum (ÅÅÅÅ-MM-DD), för test och körning i efterhand"
        )

    def handle(self, *args, datum=None, **options):
        today = None
        if datum:
            try:
                today = datetime.date.fromisoformat(datum)
            except ValueError:
                raise CommandError("Ange datum som ÅÅÅÅ-MM-DD.") from None
        sent = services.send_survey_reminders(today=today)
        self.stdout.write(f"Påminnelser skickade: {sent}.")
