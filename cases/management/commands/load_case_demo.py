from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from cases.demo import load_case_demo


class Command(BaseCommand):
    help = "Skapar fiktiva demoärenden för 2025 och 2026 (bara om inga ärenden finns)."

    def handle(self, *args, **options):
        if not User.objects.filter(username="koordinator").exists():
            raise CommandError("Demokontona saknas; kör manage.py load_demo först.")
        created = load_case_demo()
        if created:
            self.stdout.write(f"Demoärenden skapade: {created}.")
        else:
            self.stdout.write("Ärenden finns redan; inga demoärenden skapades.")
