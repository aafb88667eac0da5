from django.core.management.base import BaseCommand

from demo.cases import load_case_demo
from demo.coordinator import load_coordinator_demo
from demo.followup import load_followup_demo
from demo.meetings import load_meeting_demo
from demo.people import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Skapar fiktiva demoledamöter, demomöten och demokonton (bara om de saknas)."

    def handle(self, *args, **options):
        result = load_demo()
        if result.created_people:
            self.stdout.write(f"Demodata skapad: {result.created_people} fiktiva personer.")
        else:
            self.stdout.write("Personer finns redan; inga demoledamöter skapades.")
        meetings = load_meeting_demo()
        if meetings:
            self.stdout.write(f"Demomöten skapade: {meetings}.")
        cases = load_case_demo()
        if cases:
            self.stdout.write(f"Demoärenden skapade: {cases}.")
        if load_followup_demo():
            self.stdout.write("Demodata för uppföljningen skapad (fiktiva siffror).")
        working_groups = load_coordinator_demo()
        if working_groups:
            self.stdout.write(f"Demoarbetsgrupper skapade: {working_groups}.")
        self.stdout.write(f"Demokonton (lösenord för alla: {DEMO_PASSWORD}):")
        for username, description, created in result.accounts:
            self.stdout.write(f"  {username:<20} {description}{' (ny)' if created else ''}")
