"""Run in a subprocess by test_sqlite_concurrency: 8 threads raise 8 cases each at the same moment
on a file-based SQLite database, configured by samverkan.settings as in production.

Usage: python -m lib.tests.sqlite_writers <database file> [--without-tuning]
Prints one JSON line: created cases, errors, and the register serials in the database.
"""

import json
import os
import sys
import threading


def main() -> None:
    path = sys.argv[1]
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django
    from django.conf import settings

    if "--without-tuning" in sys.argv:
        # For comparison by hand: SQLite as Django configures it out of the box.
        settings.DATABASES["default"]["OPTIONS"] = {}
    django.setup()

    from django.core.management import call_command
    from django.db import connection

    from accounts.models import User
    from cases import services
    from cases.models import Case
    from demo.people import load_demo
    from structure.loader import load_structure, read_data_file
    from structure.models import Group, Membership

    call_command("migrate", verbosity=0)
    load_structure(read_data_file())
    load_demo()
    coordinator = User.objects.get(username="koordinator")
    group = Group.objects.get(slug="lsg")
    person = Membership.objects.filter(group=group, kind="ordinary").first().person
    connection.close()

    threads_count, per_thread = 8, 8
    barrier = threading.Barrier(threads_count)
    created, errors = [], []

    def work(index: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                try:
                    case = services.raise_case(
                        group=group,
                        by=coordinator,
                        submitted_by=person,
                        title=f"Samtidigt ärende {index}-{n}",
                        description="Väckt samtidigt som andra.",
                        proposal="Att visa att inget går förlorat.",
                    )
                    created.append(case.pk)
                except Exception as exc:  # noqa: BLE001 – reported to the test
                    errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    serials = sorted(Case.objects.values_list("serial", flat=True))
    journal = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    print(
        json.dumps(
            {
                "created": len(created),
                "errors": errors[:5],
                "error_count": len(errors),
                "serials": serials,
                "journal_mode": journal,
            }
        )
    )


if __name__ == "__main__":
    main()
