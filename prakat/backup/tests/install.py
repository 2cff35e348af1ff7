"""A second, empty install beside the test's own, driven through ``manage.py`` as an operator
would drive it."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from prakat import empty_install
from prakat.browser import _postgres_database

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def fresh_install(
    folder: Path, *, media: Path | None = None, database: str = "restore"
) -> dict[str, str]:
    """The environment of a new, empty install in ``folder``: its own database, migrated, and
    media."""
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
    empty_install.migrate(env)  # as `manage.py migrate` leaves an empty database
    return env


def database_state(env: dict[str, str]) -> dict[str, tuple[int, str]]:
    """What a refused restore must leave as it was: every table of the install's database,
    its number of rows and a digest of their content, read from the database itself."""
    url = env.get("DATABASE_URL", "")
    state = {}
    if url.startswith("postgres"):
        import psycopg
        from psycopg import sql

        with psycopg.connect(url) as conn:
            tables = conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            ).fetchall()
            for (table,) in tables:
                state[table] = tuple(
                    conn.execute(
                        sql.SQL(
                            "SELECT count(*), md5(coalesce(string_agg(t::text, ' | '"
                            " ORDER BY t::text), '')) FROM {} t"
                        ).format(sql.Identifier(table))
                    ).fetchone()
                )
    else:
        conn = sqlite3.connect(Path(env["PRAKAT_VAR_DIR"]) / "prakat.sqlite3")
        try:
            tables = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            for (table,) in tables.fetchall():
                # The table names are the database's own.
                everything = f'SELECT * FROM "{table}"'  # noqa: S608
                rows = sorted(repr(row) for row in conn.execute(everything))
                state[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        finally:
            conn.close()
    return dict(sorted(state.items()))


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, MANAGE, *args], env=env, capture_output=True, text=True, timeout=300
    )


# An operator's terminal on the install: each line read is a command's arguments, run as
# `manage.py` runs them; its exit status and output are written back as one line.
_TERMINAL = """
import contextlib, io, json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prakat.settings")
import django
django.setup()
from django.core.management import execute_from_command_line
answer = sys.stdout
for line in sys.stdin:
    out, err, status = io.StringIO(), io.StringIO(), 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            execute_from_command_line(["manage.py", *json.loads(line)])
        except SystemExit as stopped:
            status = stopped.code if isinstance(stopped.code, int) else int(bool(stopped.code))
    answer.write(json.dumps([status, out.getvalue(), err.getvalue()]) + "\\n")
    answer.flush()
"""


class Terminal:
    """``manage.py`` commands run one after another in one process of the install, as an
    operator runs them one after another: the same commands, without starting Django for
    each (a second of the tests' time every command)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _TERMINAL],
            cwd=Path(MANAGE).parent, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        self.process.stdin.write(json.dumps(args) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the terminal closed (status {self.process.poll()})"
        status, out, err = json.loads(line)
        return subprocess.CompletedProcess(["manage.py", *args], status, out, err)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


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
    base, install_env, rows, terminal = install
    before = snapshot(base)
    if env is None:
        result = terminal.manage("restore", str(archive))
    else:
        result = manage(env, "restore", str(archive))
    assert result.returncode != 0
    assert (base / "outside" / "sentinel.txt").read_bytes() == SENTINEL
    assert snapshot(base) == before
    assert database_state(install_env) == rows
    assert rule in result.stderr, result.stderr
    return result.stderr
