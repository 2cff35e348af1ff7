"""A new install's secret key is made once, whole, however many processes start at once (the
web workers, the job worker, the test jobs): before, a process could read the key file while
another was still writing it, and start with an empty key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READ_KEY = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'prakat.settings'; "
    "from django.conf import settings; print(repr(settings.SECRET_KEY))"
)


def test_processes_starting_together_on_a_new_install_share_one_whole_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PRAKAT_SECRET"))}
    env["PRAKAT_VAR_DIR"] = str(tmp_path / "var")
    starting = [
        subprocess.Popen([sys.executable, "-c", READ_KEY], cwd=ROOT, env=env,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(8)
    ]  # fmt: skip
    keys = {process.communicate(timeout=120)[0].strip() for process in starting}
    assert len(keys) == 1, keys
    key = eval(keys.pop())  # noqa: S307 (the repr printed above)
    assert len(key) >= 50
    assert (tmp_path / "var" / "secret_key").read_text() == key
    assert oct((tmp_path / "var" / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert not list((tmp_path / "var").glob(".secret_key.*"))  # nothing half-made left
