"""``bin/serve``, as ``make run`` starts it, stops the site and the job worker with itself,
whichever way it is stopped."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def members(group: int) -> list[int]:
    """The processes still in the process group ``group``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == group:
                    found.append(int(entry.name))
            except ProcessLookupError:
                continue
    return found


def as_a_background_job() -> None:
    """What a shell does to a job it starts in the background: Ctrl-C's signal ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize(
    "stop, background",
    [(signal.SIGTERM, False), (signal.SIGINT, False), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGINT", "SIGINT, started in the background"],
)
def test_the_server_and_the_worker_stop_with_it(tmp_path, stop, background):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.pop("DATABASE_URL", None)
    env.update(PRAKAT_VAR_DIR=str(tmp_path / "var"), DJANGO_SETTINGS_MODULE="prakat.settings")
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [sys.executable, str(ROOT / "bin" / "serve"), f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own group: what it starts is found by the group
        preexec_fn=as_a_background_job if background else None,
    )
    group = serve.pid
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert serve.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        # bin/serve, gunicorn's arbiter and its workers, and the job worker.
        assert len(members(group)) >= 4
        serve.send_signal(stop)  # to bin/serve alone, as `kill` does
        serve.wait(timeout=60)
        deadline = time.monotonic() + 40
        while members(group) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert members(group) == []
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    finally:
        for pid in members(group):
            os.kill(pid, signal.SIGKILL)
        log.close()
