"""Is the server's clock synchronised to a standard time source?

The MDES notification on traffic logs asks that the clock be synchronised, or the logs'
times prove nothing. The answer comes from systemd-timesyncd (``timedatectl``) or chrony
(``chronyc tracking``), whichever the machine has; the parsing is pure so it can be tested
with real outputs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Offsets beyond this are worth a warning even when the daemon says it is synchronised.
LARGE_OFFSET_SECONDS = 1.0
_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0}


@dataclass
class ClockStatus:
    synchronised: bool | None  # None: could not be checked
    offset_seconds: float | None = None
    source: str = ""  # the time server, when known
    tool: str = ""
    reason: str = ""  # why it could not be checked

    @property
    def checked(self) -> bool:
        return self.synchronised is not None

    @property
    def offset_ms(self) -> float | None:
        return None if self.offset_seconds is None else self.offset_seconds * 1000


def _fields(text: str, separator: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        if separator in line:
            key, _sep, value = line.partition(separator)
            fields[key.strip()] = value.strip()
    return fields


def parse_duration(text: str) -> float | None:
    """``"-1.133ms"`` → -0.001133; ``"+850us"`` → 0.00085; ``"1min 2.5s"`` → 62.5."""
    parts = re.findall(r"([+-]?\d+(?:\.\d+)?)\s*(ns|us|µs|ms|min|s)\b", text)
    if not parts:
        return None
    sign = -1.0 if text.strip().startswith("-") else 1.0
    return sign * sum(abs(float(number)) * _UNITS[unit] for number, unit in parts)


def parse_timedatectl(show: str, timesync_status: str = "") -> ClockStatus:
    """Outputs of ``timedatectl show`` and (optionally) ``timedatectl timesync-status``."""
    fields = _fields(show, "=")
    if "NTPSynchronized" not in fields:
        return ClockStatus(None, tool="timedatectl", reason=_("its answer had no sync state"))
    status = ClockStatus(fields["NTPSynchronized"] == "yes", tool="timedatectl")
    sync = _fields(timesync_status, ":")
    if "Offset" in sync:
        status.offset_seconds = parse_duration(sync["Offset"])
    if sync.get("Server"):
        status.source = sync["Server"]
    return status


def parse_chronyc_tracking(text: str) -> ClockStatus:
    fields = _fields(text, " : ")
    if "Leap status" not in fields:
        return ClockStatus(None, tool="chronyc", reason=_("its answer had no leap status"))
    status = ClockStatus(fields["Leap status"] != "Not synchronised", tool="chronyc")
    match = re.match(r"([\d.]+) seconds (fast|slow)", fields.get("System time", ""))
    if match:
        seconds = float(match.group(1))
        status.offset_seconds = seconds if match.group(2) == "fast" else -seconds
    reference = fields.get("Reference ID", "")
    if "(" in reference:
        status.source = reference.partition("(")[2].rstrip(")")
    return status


def _run(*command: str) -> str:
    # Fixed commands from this module, never user input.
    done = subprocess.run(command, capture_output=True, text=True, timeout=5, check=True)  # noqa: S603
    return done.stdout


def _why(error: Exception) -> str:
    """The tool's own first line of complaint, which says more than its exit status."""
    stderr = getattr(error, "stderr", "") or ""
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[0].strip() if lines else str(error)


def read_clock() -> ClockStatus:
    """Ask whichever time daemon the machine has; say why when none can answer."""
    reasons = []
    if shutil.which("chronyc"):
        try:
            return parse_chronyc_tracking(_run("chronyc", "-n", "tracking"))
        except (subprocess.SubprocessError, OSError) as error:
            reasons.append(_("chronyc did not answer (%(error)s)") % {"error": _why(error)})
    if shutil.which("timedatectl"):
        try:
            show = _run("timedatectl", "show")
        except (subprocess.SubprocessError, OSError) as error:
            reasons.append(_("timedatectl did not answer (%(error)s)") % {"error": _why(error)})
        else:
            try:
                timesync = _run("timedatectl", "timesync-status")
            except (subprocess.SubprocessError, OSError):
                timesync = ""  # chrony or ntpd keep the time: no timesyncd details
            return parse_timedatectl(show, timesync)
    if not reasons:
        reasons.append(_("this machine has neither timedatectl nor chronyc"))
    return ClockStatus(None, reason="; ".join(reasons))
