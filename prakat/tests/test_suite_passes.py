"""`make test` runs every test on SQLite; the PostgreSQL pass runs the tests that reach the
database and the scale-out test, no browser test and no test whose subject does not depend on
the engine (prakat/conftest.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
MODULES = [
    "prakat/thai/tests/test_dates.py",
    "prakat/publishing/tests/test_rules.py",
    "prakat/publishing/tests/test_browser.py",
    "prakat/thai/tests/test_admin_in_thai.py",
    "prakat/tests/test_scale_out.py",
    "prakat/security/tests/test_idle.py",
]


def collected(database_url: str | None) -> tuple[list[str], str]:
    """The tests a pass would run of MODULES, and pytest's count line, without running them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *MODULES],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    return [line for line in lines if "::" in line], next(
        line for line in lines if re.search(r"\d+ tests? collected", line)
    )


def test_the_postgresql_pass_leaves_what_does_not_reach_the_database_to_sqlite():
    # Collecting connects to nothing: the server named here does not exist.
    on_postgresql, counted = collected("postgres://nobody@127.0.0.1:9/none")
    # The 9 rules and the 6 scale-out tests of 40.
    assert counted.startswith("15/40 tests collected (25 deselected)"), counted

    # Each test of the publishing rules asks for the database, with committed data or not.
    rules = [t for t in on_postgresql if t.startswith("prakat/publishing/tests/test_rules.py")]
    assert len(rules) == 9
    # The whole stack on PostgreSQL is the scale-out test's; no browser test runs here.
    assert len([t for t in on_postgresql if t.startswith("prakat/tests/test_scale_out.py")]) == 6
    assert not any(t.startswith("prakat/thai/") for t in on_postgresql)
    assert not any(t.startswith("prakat/publishing/tests/test_browser.py") for t in on_postgresql)
    # The idle sign-out is the session's clock, whatever the engine: SQLite proves it.
    assert not any(t.startswith("prakat/security/tests/test_idle.py") for t in on_postgresql)


def test_the_sqlite_pass_runs_everything():
    on_sqlite, counted = collected(None)
    # 9 date tests, 9 rules, 4 browser tests of publishing, 9 of the Thai sweep, 6 scale-out,
    # 3 of the idle sign-out.
    assert counted.startswith("40 tests collected"), counted
    assert "prakat/thai/tests/test_dates.py::test_thai_digits_on_request" in on_sqlite
    sweep = "prakat/thai/tests/test_admin_in_thai.py::test_every_screen_of_the_role_is_in_thai"
    assert f"{sweep}[auditor]" in on_sqlite
    assert "prakat/security/tests/test_idle.py::test_activity_keeps_the_session" in on_sqlite
