from django.core.management.base import BaseCommand
from django.utils import timezone

from desk.services import send_digests


class Command(BaseCommand):
    help = "Skickar dagens sammanfattning (en e-post per person). Körs en gång per dag."

    def handle(self, *args, **options):
        sent = send_digests(today=timezone.localdate())
        self.stdout.write(f"Sammanfattningar skickade: {sent}.")
