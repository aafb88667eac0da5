from django.core.management.base import BaseCommand

from meetings.demo import load_meeting_demo


class Command(BaseCommand):
    help = "Skapar fiktiva demomöten för 2026 och 2027 (bara om inga möten finns)."

    def handle(self, *args, **options):
        created = load_meeting_demo()
        if created:
            self.stdout.write(f"Demomöten skapade: {created}.")
        else:
            self.stdout.write("Möten finns redan; inga demomöten skapades.")
