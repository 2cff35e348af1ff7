"""A second, empty install beside the test's own, driven through ``manage.py`` as an operator
would drive it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from prakat.browser import _postgres_database

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def fresh_install(
    folder: Path, *, media: Path | None = None, database: str = "restore"
) -> dict[str, str]:
    """The environment of a new, empty install in ``folder``: its own database and media."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(PRAKAT_VAR_DIR=str(folder), PRAKAT_MEDIA_ROOT=str(media or folder / "media"))
    for name in ("PRAKAT_PRIVATE_ROOT", "PRAKAT_TRAFFIC_LOG_DIR", "PRAKAT_SECRET_KEY"):
        env.pop(name, None)
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith("postgres"):
        env["DATABASE_URL"] = _postgres_database(
            database_url, f"prakat_{database}_{os.getpid()}", create=True
        )
    else:
        env.pop("DATABASE_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, timeout=300
    )


def shell(env: dict[str, str], code: str) -> str:
    """What ``code`` prints on its last line, run inside the install."""
    shown = manage(env, "shell", "-c", code)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout.strip().splitlines()[-1]
