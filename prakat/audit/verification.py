"""Checking the sealed traffic log: the first altered, missing or moved line or day.

Days are checked oldest first, each line against the chain (see ``sealing``), each seal
against its own hash, the previous day's seal and the copy kept in the database. The first
break is reported, since everything after a break can no longer be vouched for anyway.
"""

from __future__ import annotations

import dataclasses
import datetime
import json

from django.utils.translation import gettext as _

from prakat.audit import traffic
from prakat.audit.models import SealedSegment
from prakat.audit.sealing import GENESIS, line_hash, read_seal, seal_hash
from prakat.thai.dates import format_date

ALTERED = "altered"
MISSING = "missing"
REORDERED = "reordered"
SEGMENT_MISSING = "segment-missing"
SEAL_ALTERED = "seal-altered"


@dataclasses.dataclass
class Problem:
    kind: str
    day: datetime.date
    line: int | None
    message: str


@dataclasses.dataclass
class Report:
    days: int
    lines: int
    problem: Problem | None

    @property
    def intact(self) -> bool:
        return self.problem is None

    def message(self) -> str:
        if self.problem is not None:
            return self.problem.message
        return _(
            "The computer traffic log is intact: %(days)s sealed day(s), %(lines)s line(s), "
            "none altered, missing or out of order."
        ) % {"days": self.days, "lines": self.lines}


def verify() -> Report:
    records = {r.day: r for r in SealedSegment.objects.all()}
    files = set(traffic.sealed_days()) | _segment_days()
    kept = {day for day, r in records.items() if r.purged_at is None}
    expected = files | kept
    if not expected:
        return Report(days=0, lines=0, problem=None)

    first, last = min(expected), max(expected)
    previous = _seal_before(first, records)
    days = lines = 0
    day = first
    while day <= last:
        record = records.get(day)
        if record is not None and record.purged_at is not None:
            previous = record.seal
            day += datetime.timedelta(days=1)
            continue
        seal = read_seal(day)
        if seal is None or not traffic.segment_path(day).exists():
            return Report(days, lines, _missing_segment(day))
        problem, count = _check_segment(day, seal, previous, record)
        if problem is not None:
            return Report(days, lines, problem)
        days += 1
        lines += count
        previous = seal["seal"]
        day += datetime.timedelta(days=1)
    return Report(days, lines, None)


def _segment_days() -> set[datetime.date]:
    if not traffic.segments_dir().is_dir():
        return set()
    return {datetime.date.fromisoformat(p.stem) for p in traffic.segments_dir().glob("*.log")}


def _seal_before(day: datetime.date, records: dict) -> str | None:
    """What the first kept day must chain to; ``None`` when nothing says (no database record)."""
    earlier = [d for d in records if d < day]
    if earlier:
        return records[max(earlier)].seal
    if records:
        return GENESIS
    return None


def _missing_segment(day: datetime.date) -> Problem:
    return Problem(
        SEGMENT_MISSING,
        day,
        None,
        _("The traffic log of %(day)s is missing: its segment or seal file is gone.")
        % {"day": format_date(day)},
    )


def _check_segment(
    day: datetime.date, seal: dict, previous: str | None, record: SealedSegment | None
) -> tuple[Problem | None, int]:
    name = format_date(day)

    def problem(kind: str, line: int | None, message: str) -> tuple[Problem, int]:
        return Problem(kind, day, line, message % {"day": name, "line": line}), 0

    own = seal_hash(seal["day"], seal["lines"], seal["last_line_hash"], seal["previous_seal"])
    if own != seal.get("seal") or (record is not None and record.seal != seal.get("seal")):
        return problem(SEAL_ALTERED, None, _("The seal of %(day)s has been altered."))
    if previous is not None and seal["previous_seal"] != previous:
        return problem(
            SEGMENT_MISSING,
            None,
            _(
                "The traffic log of %(day)s does not follow the day before it: a day before "
                "%(day)s is missing or was replaced."
            ),
        )

    parsed: list[tuple[int, str, str]] = []
    with traffic.segment_path(day).open(encoding="utf-8") as lines:
        for position, raw in enumerate(lines, start=1):
            try:
                hash_, body = raw.rstrip("\n").split(" ", 1)
                seq = int(json.loads(body)["seq"])
            except (ValueError, KeyError, TypeError):
                return problem(
                    ALTERED,
                    position,
                    _("Line %(line)s of the traffic log of %(day)s has been altered."),
                )
            parsed.append((seq, hash_, body))

    chain = seal["previous_seal"]
    expected = 1
    for position, (seq, hash_, body) in enumerate(parsed):
        if seq != expected:
            later = any(s == expected for s, _h, _b in parsed[position + 1 :])
            if later or seq < expected:
                return problem(
                    REORDERED,
                    expected,
                    _(
                        "Line %(line)s of the traffic log of %(day)s is out of order: the "
                        "lines have been moved."
                    ),
                )
            return problem(
                MISSING, expected, _("Line %(line)s of the traffic log of %(day)s is missing.")
            )
        if line_hash(chain, body) != hash_:
            return problem(
                ALTERED, seq, _("Line %(line)s of the traffic log of %(day)s has been altered.")
            )
        chain = hash_
        expected += 1

    if len(parsed) < seal["lines"]:
        return problem(
            MISSING,
            len(parsed) + 1,
            _("Line %(line)s of the traffic log of %(day)s is missing."),
        )
    if len(parsed) > seal["lines"] or chain != seal["last_line_hash"]:
        return problem(
            ALTERED,
            len(parsed),
            _("Line %(line)s of the traffic log of %(day)s has been altered."),
        )
    return None, len(parsed)
