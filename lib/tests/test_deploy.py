"""Deployment hardening: production settings pass Django's deploy check, every response carries
the security headers, and the Content-Security-Policy allows no inline script or style."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "samverkan.example.se",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "OPEN_DATA_CONTACT_EMAIL": "oppnadata@example.se",
}


def clean_environment() -> dict[str, str]:
    """The test process' environment without what other tests set for themselves (Playwright's
    live server sets DJANGO_ALLOW_ASYNC_UNSAFE, which the deploy check rightly refuses)."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=Path(settings.BASE_DIR),
        env={**clean_environment(), **PRODUCTION_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_no_warnings_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_the_development_secret_key():
    result = run_manage(
        "check", env={"SECRET_KEY": "dev-only-insecure-key-do-not-use-in-production"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_pages_carry_a_csp_without_unsafe_inline_and_the_other_headers(client, db):
    response = client.get(reverse("publicsite:home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_an_inline_script():
    base = Path(settings.BASE_DIR)
    offenders = [
        str(path.relative_to(base))
        for path in base.glob("**/templates/**/*.html")
        if ".venv" not in path.parts and "<script>" in path.read_text()
    ]
    assert offenders == []


def test_production_installs_neither_the_demo_app_nor_faker():
    """The fictional demo and its generator are for development and `make run` only."""
    probe = (
        "import sys, django; django.setup(); from django.conf import settings; "
        "print('demo.apps.DemoConfig' in settings.INSTALLED_APPS, 'faker' in sys.modules)"
    )
    production = run_manage("shell", "--no-imports", "-c", probe)
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["False", "False"]
    development = run_manage("shell", "--no-imports", "-c", probe, env={"DEBUG": "1"})
    assert development.stdout.split()[0] == "True"
