"""The production switch: one variable, and Django's deployment check has nothing to say."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key

pytestmark = pytest.mark.database_neutral

BASE_DIR = Path(__file__).resolve().parents[3]


def check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    environment.update(
        DJANGO_SETTINGS_MODULE="prakat.settings",
        PRAKAT_VAR_DIR=str(tmp_path),
        PRAKAT_SECRET_KEY=get_random_secret_key() + get_random_secret_key(),
        PRAKAT_ALLOWED_HOSTS="www.example.go.th",
        **env,
    )
    environment.pop("PRAKAT_DEBUG", None)
    # The test run sets it for Playwright; a real deployment never does.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_the_switch_on(tmp_path):
    done = check_deploy(tmp_path, PRAKAT_PRODUCTION="1")
    assert done.returncode == 0, done.stderr + done.stdout
    assert "WARNINGS" not in done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_without_the_switch_django_warns(tmp_path):
    done = check_deploy(tmp_path)
    assert done.returncode != 0
    assert "SECURE_SSL_REDIRECT" in done.stderr + done.stdout


def test_security_headers_on_a_public_page(client, built_site, settings):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_the_admin_policy_lets_wagtail_work(client, webmaster):
    client.force_login(webmaster)
    csp = client.get("/admin/")["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp
