"""Sealing a day of the traffic log: every process's lines of one Bangkok day, merged in time
order into one segment and chained with SHA-256.

Each line is ``<hash> <json>`` where the JSON carries the line's number in the day (``seq``)
and ``hash = SHA-256(hash of the line before + "\\n" + json)``; the first line of a day
chains to the previous day's seal. The seal file records the day, its number of lines, the
last line's hash and the previous day's seal, and is itself ``SHA-256`` of those four. So a
changed, removed or moved line breaks the chain at that line, and a removed or replaced day
breaks it at the next day (see ``verification``).

A day with no requests still gets an (empty) segment, so the chain has no gaps to explain.
Sealing is idempotent: a sealed day is never written again.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from django.db import transaction

from prakat.audit import traffic
from prakat.audit.models import SealedSegment

GENESIS = "0" * 64
logger = logging.getLogger(__name__)


def line_hash(previous: str, body: str) -> str:
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()


def seal_hash(day: str, lines: int, last_line_hash: str, previous_seal: str) -> str:
    return hashlib.sha256(f"{day}\n{lines}\n{last_line_hash}\n{previous_seal}".encode()).hexdigest()


def read_seal(day: datetime.date) -> dict | None:
    path = traffic.seal_path(day)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def previous_seal_for(day: datetime.date) -> str:
    """The seal the day chains to: the latest sealed day before it, or the start of the log."""
    earlier = SealedSegment.objects.filter(day__lt=day).order_by("-day").first()
    if earlier is not None:
        return earlier.seal
    files = [d for d in traffic.sealed_days() if d < day]
    if files:
        return read_seal(files[-1])["seal"]
    return GENESIS


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)


def seal_day(day: datetime.date) -> SealedSegment:
    """Seal ``day`` from the spool, or return its seal if it is sealed already."""
    spool = traffic.spool_dir() / day.isoformat()
    existing = read_seal(day)
    if existing is not None:
        record = _record(existing)
        if spool.is_dir():
            if len(traffic.spool_entries(day)) == existing["lines"]:
                shutil.rmtree(spool)  # left behind by a run that stopped after sealing
            else:
                logger.warning("Traffic lines of %s arrived after it was sealed: %s", day, spool)
        return record

    previous = previous_seal_for(day)
    chain = previous
    lines = []
    for seq, entry in enumerate(traffic.spool_entries(day), start=1):
        body = traffic.canonical({**entry, "seq": seq})
        chain = line_hash(chain, body)
        lines.append(f"{chain} {body}\n")
    traffic.segments_dir().mkdir(parents=True, exist_ok=True)
    _write_atomically(traffic.segment_path(day), "".join(lines))
    seal = {
        "day": day.isoformat(),
        "lines": len(lines),
        "last_line_hash": chain,
        "previous_seal": previous,
        "seal": seal_hash(day.isoformat(), len(lines), chain, previous),
    }
    _write_atomically(traffic.seal_path(day), json.dumps(seal, indent=1) + "\n")
    record = _record(seal)
    if spool.is_dir():
        shutil.rmtree(spool)
    return record


def _record(seal: dict) -> SealedSegment:
    with transaction.atomic():
        record, _ = SealedSegment.objects.get_or_create(
            day=datetime.date.fromisoformat(seal["day"]),
            defaults={
                "lines": seal["lines"],
                "seal": seal["seal"],
                "previous_seal": seal["previous_seal"],
            },
        )
    return record


def seal_pending(today: datetime.date) -> list[SealedSegment]:
    """Seal every day before ``today`` (Bangkok) not sealed yet, oldest first, empty days too."""
    sealed = traffic.sealed_days()
    days = {d for d in traffic.spool_days() if d < today}
    if sealed or days:
        day = sealed[-1] + datetime.timedelta(days=1) if sealed else min(days)
        while day < today:
            days.add(day)
            day += datetime.timedelta(days=1)
    return [seal_day(day) for day in sorted(days)]
