"""What the deployment tests share: the example environment file, read as the services read it."""

from __future__ import annotations

import os
import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DEPLOY = BASE_DIR / "deploy"
ENV_EXAMPLE = DEPLOY / "prakat.env.example"
NGINX_SITE = DEPLOY / "nginx" / "prakat.conf"
SYSTEMD = DEPLOY / "systemd"
# The site's name in the examples, which a deployment replaces by its own.
SITE_NAME = "www.example.go.th"

_ASSIGNMENT = re.compile(r"([A-Z][A-Z0-9_]*)=(\S*)")


def read_env_file(path: Path = ENV_EXAMPLE) -> dict[str, str]:
    """The variables of an environment file: ``KEY=value`` lines, ``#`` comments, blank lines.
    Anything else is refused, so the file reads the same to systemd and to a shell."""
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _ASSIGNMENT.fullmatch(line)
        assert match, f"{path.name}:{number}: not KEY=value without spaces or quotes: {line!r}"
        assert match.group(1) not in values, f"{path.name}:{number}: {match.group(1)} twice"
        values[match.group(1)] = match.group(2)
    return values


def example_environment(var_dir: Path, *, database_url: str | None = None) -> dict[str, str]:
    """The process environment the services get from the example file, with the install's
    folder moved to ``var_dir`` and, without ``database_url``, SQLite in that folder instead of
    the example's PostgreSQL."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "PRAKAT_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(read_env_file())
    env["PRAKAT_VAR_DIR"] = str(var_dir)
    # The machine's own cache folder is not the test's to write: the copies go in the install.
    env["PRAKAT_PAGE_COPIES_DIR"] = str(var_dir / "page-copies")
    if database_url is None:
        env.pop("DATABASE_URL")
    else:
        env["DATABASE_URL"] = database_url
    return env
