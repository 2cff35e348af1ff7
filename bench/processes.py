"""Processes the benchmark starts, and how it makes sure none outlives it.

Every server runs in a process group of its own (its workers and the job worker with it), so
stopping it reaches every process it started, whatever the server does with signals.
Setup commands are tracked too, so an interrupted run stops a migration half-way rather than
leaving it writing into a folder being deleted.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

# bin/serve gives gunicorn 35 s to finish; after that, the group is killed.
STOP_GRACE = 40.0
SLOW_TO_STOP = 15.0
_running: set[subprocess.Popen] = set()
_lock = threading.Lock()
_stopping = threading.Event()


class SetupFailed(RuntimeError):
    pass


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> str:
    """Run a setup command to the end; its output goes to ``log`` and stdout is returned."""
    with log.open("a") as errors:
        errors.write(f"$ {' '.join(cmd)}\n")
        errors.flush()
        with _lock:
            if _stopping.is_set():
                raise SetupFailed("stopped")
            process = subprocess.Popen(
                cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=errors, text=True
            )
            _running.add(process)
        try:
            out, _ = process.communicate()
        finally:
            with _lock:
                _running.discard(process)
            if process.poll() is None:
                process.kill()
                process.wait()
    if process.returncode != 0:
        raise SetupFailed(f"{' '.join(cmd[:4])}… failed ({process.returncode}); see {log}")
    return out


def stop_setup_commands() -> None:
    """Kill the setup commands running, and refuse to start any more."""
    _stopping.set()
    with _lock:
        for process in list(_running):
            with contextlib.suppress(ProcessLookupError):
                process.kill()


class ProcessStat(NamedTuple):
    state: str
    parent: int
    group: int


def _stat(pid: int) -> ProcessStat | None:
    return _stat_file(Path(f"/proc/{pid}/stat"))


def _stat_file(path: Path) -> ProcessStat | None:
    try:
        text = path.read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after it start with the state.
    fields = text[text.rindex(")") + 2 :].split()
    return ProcessStat(fields[0], int(fields[1]), int(fields[2]))


def group_members(group: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat.group == group and stat.state != "Z":
                members.append(int(entry.name))
    return members


# Server-side TCP states of a connection still being served: SYN_RECV (queued),
# ESTABLISHED, CLOSE_WAIT (the client has gone, the server has not answered yet).
_SERVING = {"01", "03", "08"}


def open_connections(port: int) -> int:
    """Connections to our port on 127.0.0.1 that the server has not finished with."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if local_port == port and fields[3] in _SERVING:
                count += 1
    return count


def runnable_threads(pid: int) -> int:
    count = 0
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            stat = _stat_file(task / "stat")
            if stat and stat.state == "R":
                count += 1
    return count


def parent_of(pid: int) -> int | None:
    stat = _stat(pid)
    return stat.parent if stat else None


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def resident_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Server:
    """A server process group on 127.0.0.1:port."""

    name: str
    port: int
    cmd: list[str]
    cwd: Path
    env: dict[str, str]
    log: Path
    # How to stop it: this signal, to the leader or to the group's process whose command
    # line contains ``stop_via``.
    stop_signal: int = signal.SIGTERM
    stop_via: str = ""
    process: subprocess.Popen | None = None
    pids_seen: set[int] = field(default_factory=set)
    # What still ran SLOW_TO_STOP seconds after it was asked to stop.
    slow_to_stop: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, name: str, port: int, cmd: list[str], **kwargs) -> Server:
        server = cls(name, port, cmd, **kwargs)
        server.launch()
        return server

    def launch(self) -> None:
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                self.cmd,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # A group of its own: a Ctrl-C at the terminal reaches the benchmark, which
                # then stops each server in turn; nothing is left behind by a signal race.
                start_new_session=True,
            )
        self.slow_to_stop = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def group(self) -> int:
        return self.process.pid

    def members(self) -> list[int]:
        found = group_members(self.group)
        self.pids_seen.update(found)
        return found

    def wait_until_serving(self, path: str = "/", timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SetupFailed(f"{self.name} stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=5) as response:
                    if response.status == 200:
                        self.members()
                        return
            except urllib.error.HTTPError as error:
                # It answers, wrongly: waiting will not mend that.
                raise SetupFailed(f"{self.name} answered {error.code} for {path}") from None
            except OSError:
                time.sleep(0.2)
        raise SetupFailed(f"{self.name} did not answer within {timeout:.0f} s; see {self.log}")

    def wait_idle(self, limit: float = 180.0) -> float:
        """Wait until the server has finished what earlier load left it: when wrk stops, the
        requests it had in flight are still queued in the server (fifty slow sitemaps keep it
        busy for many seconds), and the next page measured would wait behind them. Idle is:
        no connection open or queued on its port, and none of its threads runnable, three
        checks in a row (CPU time alone is no sign: a starved process gets none either).
        Returns the seconds waited."""
        started = time.monotonic()
        quiet = 0
        while time.monotonic() - started < limit and quiet < 3:
            busy = open_connections(self.port) or any(
                runnable_threads(pid) for pid in self.members()
            )
            quiet = 0 if busy else quiet + 1
            time.sleep(0.1)
        return time.monotonic() - started

    def stop(self) -> None:
        """Ask the server to stop as its own program expects: ``stop_signal`` to the process
        in charge (bin/serve then stops gunicorn and the job worker in turn, as on Ctrl-C at
        ``make run``); whatever is left of the group after ``STOP_GRACE`` seconds is killed."""
        target = self.process.pid
        for pid in self.members():
            if self.stop_via and self.stop_via in command_line(pid):
                target = pid
                break
        with contextlib.suppress(ProcessLookupError):
            os.kill(target, self.stop_signal)
        started = time.monotonic()
        while group_members(self.group) and time.monotonic() - started < STOP_GRACE:
            self.process.poll()
            if not self.slow_to_stop and time.monotonic() - started > SLOW_TO_STOP:
                self.slow_to_stop = [command_line(p)[:120] for p in group_members(self.group)]
            time.sleep(0.1)
        if group_members(self.group):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.group, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while group_members(self.group) and time.monotonic() < deadline:
            self.process.poll()
            time.sleep(0.1)
        self.process.poll()
