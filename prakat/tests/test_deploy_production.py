"""The production switch and the files of the deployment guide (docs/deploy.md) agree with the
code: `manage.py check --deploy`, run as an operator runs it (deploy/manage with the example
environment file), reports nothing but the one check silenced on purpose; the systemd units
are sound to systemd; the files name the same paths, address and headers; the README's
configuration table lists every setting."""

from __future__ import annotations

import getpass
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from prakat.eservices.forms import MAX_ATTACHMENTS
from prakat.site_import.forms import EXPORT_LIMIT_MB
from prakat.tests.deployment import (
    BASE_DIR,
    DEPLOY,
    ENV_EXAMPLE,
    NGINX_SITE,
    SITE_NAME,
    SYSTEMD,
    read_env_file,
)

UNITS = ["prakat-web.service", "prakat-worker.service", "prakat-backup.service"]
ENV_FILE = "/etc/prakat/prakat.env"


def readme_settings() -> set[str]:
    """The variables the README's configuration table has a row for."""
    text = (BASE_DIR / "README.md").read_text(encoding="utf-8")
    table = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", table, flags=re.MULTILINE))


def manage(env_file: Path, *args: str) -> subprocess.CompletedProcess:
    """A management command through deploy/manage, as the operator runs one."""
    return subprocess.run(
        [str(DEPLOY / "manage"), *args],
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "PRAKAT_ENV_FILE": str(env_file),
            "PRAKAT_SERVICE_USER": getpass.getuser(),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def env_file(tmp_path: Path, **changes: str | None) -> Path:
    """The example environment file with the install's folder in ``tmp_path`` and
    ``changes`` made (None removes a line); everything else as shipped."""
    values = {**read_env_file(), "PRAKAT_VAR_DIR": str(tmp_path / "var"), **changes}
    path = tmp_path / "prakat.env"
    path.write_text(
        "".join(f"{k}={v}\n" for k, v in values.items() if v is not None), encoding="utf-8"
    )
    return path


# --- the production switch --------------------------------------------------------------


def test_check_deploy_is_clean_with_the_example_environment(tmp_path):
    done = manage(env_file(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (1 silenced).", done.stdout
    # The one silenced on purpose: HSTS preloading commits the whole domain to HTTPS in
    # browsers for months, beyond the agency's undoing, so it is an opt-in of its own
    # (PRAKAT_HSTS_PRELOAD), not part of the switch.
    show = "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)"
    silenced = manage(env_file(tmp_path), "shell", "--no-imports", "-c", show)
    assert silenced.stdout.strip() == "['security.W021']", silenced.stdout + silenced.stderr


def test_opting_in_to_preloading_silences_nothing(tmp_path):
    done = manage(
        env_file(tmp_path, PRAKAT_HSTS_PRELOAD="1"), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "System check identified no issues (0 silenced).", done.stdout


def test_without_the_switch_the_check_names_what_is_missing(tmp_path):
    """The check above can fail: the example without its production switch is reported."""
    done = manage(
        env_file(tmp_path, PRAKAT_PRODUCTION=None), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert done.returncode != 0
    reported = set(re.findall(r"\(security\.(W\d+)\)", done.stderr))
    assert reported == {"W004", "W008", "W012", "W016"}, done.stderr


def test_the_example_environment_is_a_production_one():
    values = read_env_file()
    assert values["PRAKAT_PRODUCTION"] == "1"
    assert values["PRAKAT_DEBUG"] == "0"
    assert values["PRAKAT_ALLOWED_HOSTS"] == SITE_NAME
    assert values["PRAKAT_BASE_URL"] == f"https://{SITE_NAME}"
    assert values["PRAKAT_REQUIRE_TWO_FACTOR"] == "1"
    assert values["PRAKAT_VAR_DIR"] == "/var/lib/prakat"
    assert values["DATABASE_URL"].startswith("postgres://")
    # Left empty on purpose: made once in the install's folder (see the file's comment).
    assert values["PRAKAT_SECRET_KEY"] == "" and values["PRAKAT_BACKUP_KEY"] == ""
    assert values["PRAKAT_TRAFFIC_PROXY_HEADER"] == "X-Real-IP"
    assert values["PRAKAT_TRAFFIC_PROXY_PORT_HEADER"] == "X-Real-Port"
    assert not values.keys() - readme_settings(), "a variable the README does not describe"


# --- the README's table ---------------------------------------------------------------------


def test_every_setting_read_from_the_environment_is_in_the_readme():
    source = (BASE_DIR / "prakat" / "settings.py").read_text(encoding="utf-8")
    read = set(
        re.findall(
            r"""(?:os\.environ\.get|os\.environ\[|env_bool)\(?\s*"([A-Z][A-Z0-9_]*)""", source
        )
    )
    assert {"DATABASE_URL", "PRAKAT_SECRET_KEY", "PRAKAT_PRODUCTION"} <= read  # the pattern works
    assert sorted(read - readme_settings()) == []


# --- the services ---------------------------------------------------------------------------


def installed_units(folder: Path, environment: Path) -> list[Path]:
    """The units with the install's paths turned into this checkout's (systemd checks that
    the programs they start exist)."""
    paths = []
    for name in [*UNITS, "prakat-backup.timer"]:
        text = (SYSTEMD / name).read_text(encoding="utf-8")
        text = text.replace("/srv/prakat/", f"{BASE_DIR}/").replace(ENV_FILE, str(environment))
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def test_systemd_finds_the_units_sound(tmp_path):
    environment = env_file(tmp_path)
    done = subprocess.run(
        ["systemd-analyze", "verify", *map(str, installed_units(tmp_path, environment))],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    # An unknown or misspelt setting is only a warning to systemd: any output is a failure.
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@pytest.mark.parametrize("unit", UNITS)
def test_every_service_runs_as_prakat_with_the_environment_file(unit):
    text = (SYSTEMD / unit).read_text(encoding="utf-8")
    assert "\nUser=prakat\n" in text and "\nGroup=prakat\n" in text
    assert f"\nEnvironmentFile={ENV_FILE}\n" in text
    assert "\nStateDirectory=prakat\n" in text  # PRAKAT_VAR_DIR, writable under ProtectSystem
    assert "\nWorkingDirectory=/srv/prakat\n" in text


def test_the_files_agree_on_paths_and_the_apps_address():
    web = (SYSTEMD / "prakat-web.service").read_text(encoding="utf-8")
    nginx = NGINX_SITE.read_text(encoding="utf-8")
    assert "bin/serve --web 127.0.0.1:8000\n" in web
    assert "server 127.0.0.1:8000;" in nginx
    assert "alias /srv/prakat/deploy/nginx/errors/;" in nginx
    directives = "\n".join(line.split("#")[0] for line in nginx.splitlines())
    assert directives.count(SITE_NAME) == 4  # the guide: "the site's name (4 places)"
    assert "the site's name (4 places)" in (BASE_DIR / "docs" / "deploy.md").read_text()
    assert ENV_FILE in ENV_EXAMPLE.read_text(encoding="utf-8")
    assert f"env_file=${{PRAKAT_ENV_FILE:-{ENV_FILE}}}" in (DEPLOY / "manage").read_text()
    backup = (SYSTEMD / "prakat-backup.service").read_text(encoding="utf-8")
    assert "manage.py backup --keep-daily 14 --keep-monthly 12\n" in backup


# --- the edge's upload limit ----------------------------------------------------------------


def test_the_edge_refuses_only_what_no_public_form_can_send():
    """Above the largest body a public form may send (the e-services form: its attachments at
    the upload policy's default limit, and a form's text at Django's limit), by at most 2 MB."""
    nginx = NGINX_SITE.read_text(encoding="utf-8")
    limits = re.findall(r"client_max_body_size (\d+)m;", nginx)
    # The site, then the staff's request form and the old website's export file (its own
    # limit in the app is the same, prakat.site_import.forms.EXPORT_LIMIT_MB).
    assert limits == ["16", "64", "64"]
    assert int(limits[2]) == EXPORT_LIMIT_MB
    largest_form = (
        MAX_ATTACHMENTS * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    )
    edge = int(limits[0]) * 1024 * 1024
    assert largest_form < edge <= largest_form + 2 * 1024 * 1024
    page = (DEPLOY / "nginx" / "errors" / "413.html").read_text(encoding="utf-8")
    assert f"<strong>{limits[0]} MB</strong>" in page and f"<strong>{limits[1]} MB</strong>" in page
