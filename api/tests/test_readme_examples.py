"""The README's API examples run against the demo `make run` serves (#20): the script in the
section "Open data" is run with bash, curl and jq against a live server holding the demo, and
stops (failing this test) at the first answer of 400 or more."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from api import tokens
from cases.models import PrincipalDecision

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="curl, jq"),
]

README = Path(__file__).resolve().parents[2] / "README.md"
START = "One example per endpoint"


def readme_script() -> str:
    text = README.read_text(encoding="utf-8")
    block = text[text.index(START) :]
    block = block[block.index("```sh\n") + len("```sh\n") :]
    return block[: block.index("```")]


def _token(username: str, scope: str) -> str:
    user = User.objects.get(username=username)
    return tokens.create_token(
        user=user, name="README", expires_on=None, now=timezone.now(), scope=scope
    )[1]


def test_the_readme_script_runs_against_the_demo(live_server, structure, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", stdout=quiet)
    script = readme_script()
    assert script.startswith("H=http://127.0.0.1:8000\n")
    assert script.count("\ncurl ") >= 25
    before = PrincipalDecision.objects.count()
    env = {
        "PATH": "/usr/bin:/bin",
        "TOKEN": _token("registrator-umea", "read"),
        "COORDINATOR_TOKEN": _token("koordinator", "register"),
    }
    # The server's address instead of make run's; nothing else of the script is changed.
    script = script.replace("H=http://127.0.0.1:8000", f"H={live_server.url}", 1)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.stderr[-2000:], result.stdout[-2000:])
    assert "HTTP/1.1 304 Not Modified" in result.stdout
    assert '"code": "2480"' in result.stdout
    # The registration line registered a decision, on the principal's behalf, dated today.
    assert PrincipalDecision.objects.count() == before + 1
    decision = PrincipalDecision.objects.order_by("-registered_at", "-pk").first()
    assert (decision.registered_by.username, decision.on_behalf) == ("koordinator", True)
    assert decision.reference == "SN § 12"
