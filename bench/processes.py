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

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
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
    cpu_ticks: int  # user and system time so far


def _stat(pid: int) -> ProcessStat | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces; the fields after it start with the state.
    fields = text[text.rindex(")") + 2 :].split()
    return ProcessStat(fields[0], int(fields[1]), int(fields[2]), int(fields[11]) + int(fields[12]))


def group_members(group: int) -> list[int]:
    """The live (not zombie) processes of a process group."""
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and stat.group == group and stat.state != "Z":
                members.append(int(entry.name))
    return members


def cpu_ticks(pids: list[int]) -> int:
    return sum(stat.cpu_ticks for stat in map(_stat, pids) if stat)


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
    process: subprocess.Popen
    log: Path
    pids_seen: set[int] = field(default_factory=set)
    # How to stop it: this signal, to the leader or to the group's process whose command
    # line contains ``stop_via``.
    stop_signal: int = signal.SIGTERM
    stop_via: str = ""
    # What still ran SLOW_TO_STOP seconds after it was asked to stop.
    slow_to_stop: list[str] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        name: str,
        port: int,
        cmd: list[str],
        *,
        cwd: Path,
        env: dict[str, str],
        log: Path,
        stop_signal: int = signal.SIGTERM,
        stop_via: str = "",
    ) -> Server:
        with log.open("a") as out:
            process = subprocess.Popen(
                cmd,
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                # A group of its own: a Ctrl-C at the terminal reaches the benchmark, which
                # then stops each server in turn; nothing is left behind by a signal race.
                start_new_session=True,
            )
        return cls(name, port, process, log, stop_signal=stop_signal, stop_via=stop_via)

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
        """Wait until the server has finished what earlier load left it (a slow page keeps a
        worker busy after the client has gone): its processes use under a tenth of a core
        for two checks in a row. Returns the seconds waited."""
        started = time.monotonic()
        quiet = 0
        window = 0.2
        while time.monotonic() - started < limit and quiet < 2:
            pids = self.members()
            before = cpu_ticks(pids)
            time.sleep(window)
            used = (cpu_ticks(pids) - before) / CLOCK_TICKS
            quiet = quiet + 1 if used < 0.1 * window else 0
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
