"""One "app server" for test_jobs: run in a subprocess, twice at the same moment.

Usage: python -m lib.tests.job_node <command> <ready file> <go file>
The database (DATABASE_URL) and the mail directory (EMAIL_FILE_PATH, with Django's file-based
mail backend) come from the environment. The node starts Django, writes the ready file, waits
for the go file, then runs the management command once and prints what it said.
"""

import io
import json
import os
import sys
import time
from pathlib import Path


def main() -> None:
    command, ready, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    connection.ensure_connection()
    ready.write_text("ready")
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.01)
    out = io.StringIO()
    call_command(command, stdout=out)
    connection.close()
    print(json.dumps({command: out.getvalue().strip()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
