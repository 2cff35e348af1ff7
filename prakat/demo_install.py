"""The demo agency's install, as ``make run`` sets it up, made once a test run and copied.

The servers the tests start to drive as people would (the browser tests' server, the
benchmark's smoke runs) each serve the demo agency: a var folder migrated, its static files
collected and the demo loaded, with the demo's accounts written beside it. Setting that up
costs seconds of CPU each time and always gives the same install, so the first server of a
run sets it up in a folder of its own and every server copies that folder (database, files,
secret key, accounts). A process that starts another (the benchmark's run, from its smoke
test) hands the folder over by name.

The installs and the servers run with the site's settings but for a fast password hasher
(``SETTINGS``): the demo's accounts are made and signed in by the dozen.

SQLite installs only: an install on PostgreSQL keeps its database on the server, not in the
folder, and is set up where it is used.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from prakat import empty_install

BASE_DIR = Path(__file__).resolve().parent.parent
ACCOUNTS = "demo-accounts.txt"  # in the var folder: username, password, role, … a line each

# A process that starts another hands its demo install over by this name: a var folder.
HANDED_OVER = "PRAKAT_DEMO_INSTALL"

# The settings the tests' servers and their demo installs run with (passwords hashed fast).
SETTINGS = "prakat.settings_test_servers"

# The demo installs of this run by seed agency ("" the default demo, as `make run` loads it).
_folders: dict[str, Path] = {}


def set_up(env: dict[str, str], agency: str = "") -> None:
    """Leave the var folder of ``env`` as ``make run`` (``make run DEMO=agency``) leaves it:
    migrated, static files collected, the demo agency loaded and its accounts in
    ``demo-accounts.txt``."""
    var_dir = Path(env["PRAKAT_VAR_DIR"])
    if env.get("DATABASE_URL", "").startswith("postgres"):
        _set_up_here(env, agency)
        return
    shutil.copytree(folder(env, agency), var_dir, symlinks=True, dirs_exist_ok=True)


def folder(env: dict[str, str], agency: str = "") -> Path:
    """The demo install every SQLite install of this run of that agency is copied from:
    handed over (the default demo's), or set up now."""
    if agency not in _folders:
        handed = "" if agency else os.environ.get(HANDED_OVER, "")
        if handed:
            _folders[agency] = Path(handed)
        else:
            scratch = Path(tempfile.mkdtemp(prefix="prakat-demo-"))
            atexit.register(shutil.rmtree, scratch, ignore_errors=True)
            made = scratch / "var"
            _set_up_here({**env, "PRAKAT_VAR_DIR": str(made)}, agency)
            _folders[agency] = made
    return _folders[agency]


def _set_up_here(env: dict[str, str], agency: str = "") -> None:
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST")}
    # The jobs the demo asks for (its search index) run as it loads: no copy starts with
    # work queued.
    env["PRAKAT_JOBS_IMMEDIATE"] = "1"
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    var_dir = Path(env["PRAKAT_VAR_DIR"])
    empty_install.migrate(env)  # as `manage.py migrate` leaves an empty database
    for command in (
        ["collectstatic", "--no-input", "--verbosity", "0"],
        ["load_demo", "--accounts-file", str(var_dir / ACCOUNTS)]
        + (["--agency", agency] if agency else []),
    ):
        done = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed:\n{done.stdout}{done.stderr}")
