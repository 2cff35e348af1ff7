"""A second agency served beside the first, as the README shows: its own var folder, port and
demo (read from what `make run` would do, without doing it)."""

import os
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def planned(*arguments: str, **environment: str) -> str:
    env = {**os.environ, **environment}
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *arguments],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return done.stdout


def test_make_run_loads_the_demo_asked_for_on_the_port_asked_for(tmp_path):
    plan = planned("PORT=8001", "DEMO=hot", PRAKAT_VAR_DIR=str(tmp_path / "var-hot"))
    assert "manage.py load_demo --agency hot" in plan
    assert "bin/serve 127.0.0.1:8001" in plan
    default = planned()
    assert "manage.py load_demo" in default and "--agency" not in default
    assert "bin/serve 127.0.0.1:8000" in default
