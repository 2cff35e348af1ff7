"""The migrated, empty database of every install the tests set up beside their own.

Migrating an empty database runs some three hundred migrations: seconds of CPU each time, and
the suite sets up many installs (the servers the browser tests drive, the installs a backup is
restored into, the deployed stack behind nginx) that all start from that same state. So the
state is made once a test run and copied: from the test database right after it was migrated
(before the suite builds its skeleton in it), or, in a run without a test database, by
``manage.py migrate`` the first time an install asks for it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent

# The migrated state by database kind: a SQLite file, or a PostgreSQL database's address.
_templates: dict[str, str] = {}
_folder: Path | None = None


def keep_the_test_database() -> None:
    """Keep the test database, just migrated, as the state every new install starts from."""
    from django.db import connection, connections

    if connection.vendor == "sqlite":
        kept = _scratch() / "migrated.sqlite3"
        _sqlite_copy(Path(connection.settings_dict["NAME"]), kept)
        _templates["sqlite"] = str(kept)
    elif connection.vendor == "postgresql":
        # A database is copied only while nobody is connected to it.
        connections.close_all()
        # The test database is the one DATABASE_URL names, under its test name.
        test_url = urlunsplit(
            urlsplit(os.environ["DATABASE_URL"])._replace(
                path=f"/{connection.settings_dict['NAME']}"
            )
        )
        _templates["postgresql"] = _postgres_copy(test_url, f"prakat_migrated_{os.getpid()}")


# A process that starts another (the benchmark's run, from its smoke test) hands its migrated
# database over by this name: a SQLite file, or a PostgreSQL database's address.
HANDED_OVER = "PRAKAT_MIGRATED_DATABASE"


def migrate(env: dict[str, str]) -> None:
    """Leave the database of the install that ``env`` describes as ``manage.py migrate`` leaves
    an empty one: its SQLite file in its var folder, or the PostgreSQL database its
    ``DATABASE_URL`` names (replaced if it exists)."""
    url = env.get("DATABASE_URL", "")
    Path(env["PRAKAT_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if url.startswith("postgres"):
        _postgres_copy(template(env), urlsplit(url).path.lstrip("/"))
    else:
        _sqlite_copy(Path(template(env)), Path(env["PRAKAT_VAR_DIR"]) / "prakat.sqlite3")


def template(env: dict[str, str]) -> str:
    """The migrated database that installs on the database of ``env`` are copied from: the
    test database's, one handed over, or one migrated now."""
    url = env.get("DATABASE_URL", "")
    kind = "postgresql" if url.startswith("postgres") else "sqlite"
    if kind not in _templates:
        handed = os.environ.get(HANDED_OVER, "")
        if handed and handed.startswith("postgres") == (kind == "postgresql"):
            _templates[kind] = handed
        elif kind == "postgresql":
            _templates[kind] = _migrated_postgres(url)
        else:
            _templates[kind] = _migrated_sqlite(env)
    return _templates[kind]


def _migrated_sqlite(env: dict[str, str]) -> str:
    folder = _scratch() / "migrated"
    folder.mkdir()
    _run_migrate({**env, "PRAKAT_VAR_DIR": str(folder)})
    return str(folder / "prakat.sqlite3")


def _migrated_postgres(url: str) -> str:
    template = _postgres_database(url, f"prakat_migrated_{os.getpid()}")
    _run_migrate({**os.environ, "DATABASE_URL": template})
    return template


def _run_migrate(env: dict[str, str]) -> None:
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{done.stdout}{done.stderr}")


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy, whatever is still in the source's write-ahead log."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()


def _admin(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def _postgres_database(url: str, name: str) -> str:
    with _admin(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    _dropped_at_exit(url, name)
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _postgres_copy(source_url: str, name: str) -> str:
    source = urlsplit(source_url).path.lstrip("/")
    with _admin(source_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    copy = urlunsplit(urlsplit(source_url)._replace(path=f"/{name}"))
    if name.startswith("prakat_migrated_"):
        _dropped_at_exit(source_url, name)
    return copy


def _dropped_at_exit(url: str, name: str) -> None:
    def drop() -> None:
        import psycopg

        # The server may have stopped first; it takes its data with it.
        with contextlib.suppress(psycopg.OperationalError), _admin(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    atexit.register(drop)


def _scratch() -> Path:
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="prakat-migrated-"))
        atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    return _folder
