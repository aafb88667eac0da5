from django.core.management.base import BaseCommand
from django.db import transaction

from search import documents


class Command(BaseCommand):
    help = "Bygger om sökindexet från ärenden, minnesanteckningar, rekommendationer och nyheter."

    def handle(self, *args, **options):
        with transaction.atomic():
            total = documents.reindex()
        self.stdout.write(f"Sökindexet har {total} dokument.")
