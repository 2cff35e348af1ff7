"""Where the computer-traffic log lives on disk and how its files are named and read.

The layout under ``settings.TRAFFIC_LOG_DIR``::

    spool/2026-03-03/<host>-<pid>-<token>.jsonl   one file per server process and Bangkok day
    segments/2026-03-03.log                        the sealed day: every line, in time order
    segments/2026-03-03.seal                       its seal, chained to the previous day's

A spool line is one JSON object (see ``writer``). A segment line is ``<hash> <json>``: the
JSON carries the line's sequence number in the day (``seq``), and the hash chains it to the
line before (see ``sealing``).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

# The fields of one request, in the order exports show them.
FIELDS = (
    "time",
    "address",
    "port",
    "method",
    "url",
    "status",
    "bytes",
    "user_agent",
    "user",
    "proxy",
    "duration_ms",
    "process",
    "pseq",
)


def root() -> Path:
    return Path(settings.TRAFFIC_LOG_DIR)


def spool_dir() -> Path:
    return root() / "spool"


def segments_dir() -> Path:
    return root() / "segments"


def segment_path(day: datetime.date) -> Path:
    return segments_dir() / f"{day.isoformat()}.log"


def seal_path(day: datetime.date) -> Path:
    return segments_dir() / f"{day.isoformat()}.seal"


def canonical(entry: dict) -> str:
    """One JSON text per entry, the same bytes every time it is written."""
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def spool_days() -> list[datetime.date]:
    if not spool_dir().is_dir():
        return []
    days = []
    for folder in spool_dir().iterdir():
        try:
            days.append(datetime.date.fromisoformat(folder.name))
        except ValueError:
            continue
    return sorted(days)


def sealed_days() -> list[datetime.date]:
    if not segments_dir().is_dir():
        return []
    return sorted(datetime.date.fromisoformat(p.stem) for p in segments_dir().glob("*.seal"))


def spool_entries(day: datetime.date) -> list[dict]:
    """Every process's lines of ``day``, in time order (ties: process, then its sequence)."""
    folder = spool_dir() / day.isoformat()
    entries = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    # A process killed mid-write leaves at most one partial last line.
                    if line.endswith("\n"):
                        entries.append(json.loads(line))
    entries.sort(key=lambda e: (e["time"], e.get("process", ""), e.get("pseq", 0)))
    return entries


def segment_entries(day: datetime.date) -> Iterator[dict]:
    with segment_path(day).open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line.rstrip("\n").split(" ", 1)[1])


def entries_between(first: datetime.date, last: datetime.date) -> Iterator[dict]:
    """The lines of the Bangkok days ``first``…``last``: sealed days from their segments,
    days not sealed yet (today) from the spool."""
    sealed = set(sealed_days())
    day = first
    while day <= last:
        if day in sealed:
            yield from segment_entries(day)
        else:
            yield from spool_entries(day)
        day += datetime.timedelta(days=1)
