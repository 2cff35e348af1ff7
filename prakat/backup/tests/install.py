"""A second, empty install beside the test's own, driven through ``manage.py`` as an operator
would drive it."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from prakat.browser import _postgres_database

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
# What a refused restore must leave as it was: every table's row count and content.
DATABASE_STATE = (
    "import json; from prakat.backup.archive import row_counts, row_digests; "
    "print(json.dumps([row_counts(), row_digests()]))"
)


def fresh_install(
    folder: Path, *, media: Path | None = None, database: str = "restore"
) -> dict[str, str]:
    """The environment of a new, empty install in ``folder``: its own database and media."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(PRAKAT_VAR_DIR=str(folder), PRAKAT_MEDIA_ROOT=str(media or folder / "media"))
    for name in ("PRAKAT_PRIVATE_ROOT", "PRAKAT_TRAFFIC_LOG_DIR", "PRAKAT_BACKUP_KEY"):
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


def snapshot(folder: Path) -> dict[str, str]:
    """Every file, folder and link under ``folder`` with its content; the databases aside
    (their bytes move with every transaction; their rows are compared instead)."""
    seen = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if ".sqlite3" in path.name:
            continue
        if path.is_symlink():
            seen[name] = f"link to {os.readlink(path)}"
        elif path.is_dir():
            seen[name] = "folder"
        else:
            stat = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            seen[name] = f"{digest} {stat.st_mtime_ns} {oct(stat.st_mode)}"
    return seen


SENTINEL = b"kept outside the install\n"


def restore_is_refused(install, archive: Path, rule: str, env: dict | None = None) -> str:
    """Restore ``archive`` into the empty ``install``: refused, saying ``rule``, with the
    disk (a file outside the install included) and every table exactly as they were."""
    base, install_env, rows = install
    before = snapshot(base)
    result = manage(env or install_env, "restore", str(archive))
    assert result.returncode != 0
    assert (base / "outside" / "sentinel.txt").read_bytes() == SENTINEL
    assert snapshot(base) == before
    assert shell(install_env, DATABASE_STATE) == rows
    assert rule in result.stderr, result.stderr
    return result.stderr
