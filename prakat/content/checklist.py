"""The checklist: the categories and items a Thai public agency's website must hold.

One data file (``checklist.yaml`` beside this module) lists them, from the Government Website
Standard 2.0, the Official Information Act s.7 and s.9 and the ITA items. The site skeleton,
the completeness dashboard and the reports all read it; adding an item is an edit to that
file, not to code.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CHECKLIST_PATH = Path(__file__).with_name("checklist.yaml")
MAX_DEPTH = 3
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
OIA_HEADINGS = tuple(f"s7-{n}" for n in range(1, 6)) + tuple(f"s9-{n}" for n in range(1, 9))


class Renewal(enum.Enum):
    """How often an item must be renewed; yearly means by Thai fiscal year (Oct–Sep)."""

    ON_CHANGE = "on_change"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


# Renewed every period: the items of such an entry each cover one, unless the file says not.
PERIODIC_RENEWALS = frozenset({Renewal.MONTHLY, Renewal.QUARTERLY, Renewal.HALF_YEARLY,
                               Renewal.YEARLY})  # fmt: skip


def _reports_on(raw: dict, where: str) -> str:
    value = str(raw.get("reports_on", "current"))
    if value not in ("current", "previous"):
        raise ChecklistError(f"{where}: reports_on is current or previous, not {value}")
    return value


def _due_on(raw: dict, where: str) -> tuple[int, int] | None:
    value = raw.get("due_on")
    if value is None:
        return None
    try:
        month, day = (int(part) for part in str(value).split("-"))
        datetime.date(2001, month, day)  # a real day of a common year
    except ValueError:
        raise ChecklistError(f"{where}: due_on is MM-DD, not {value}") from None
    return month, day


class ChecklistError(ValueError):
    """The checklist file breaks one of its rules; the message says which entry and rule."""


@dataclass(frozen=True)
class ChecklistEntry:
    key: str
    title_th: str
    title_en: str
    parent: str | None
    renewal: Renewal
    oia: tuple[str, ...]
    required: bool
    description_th: str
    number: int | None
    depth: int
    # Its items cite where they come from ("ที่มา/แหล่งอ้างอิง"): laws, knowledge. Set on
    # an entry, it holds for the entries under it.
    cites_source: bool = False
    # Each of its items covers a period ("ช่วงวันที่ของข้อมูล"): a plan of a fiscal year, a
    # month's procurement summary. By default an entry renewed every period; the file may
    # say otherwise (news is renewed monthly, yet a news item covers no period).
    covers_period: bool = False
    # Its items report on the period before the one they are published in (a month's
    # procurement summary, a quarter's progress, last fiscal year's annual report); otherwise
    # they cover the period they belong to (a fiscal year's plan).
    reports_on_previous_period: bool = False
    # Every period of the fiscal year so far must have its item, not only the one now due
    # (MOIT 5: the procurement summary of every month since October).
    every_period: bool = False
    # The day of the year it falls due, (month, day), where an event sets it (the anti-
    # corruption day's activities, 9 December); otherwise the agency's due day of the
    # period's first month.
    due_on: tuple[int, int] | None = None

    @property
    def is_top(self) -> bool:
        return self.parent is None


@dataclass(frozen=True)
class Checklist:
    entries: tuple[ChecklistEntry, ...]

    @functools.cached_property
    def by_key(self) -> dict[str, ChecklistEntry]:
        return {e.key: e for e in self.entries}

    def __getitem__(self, key: str) -> ChecklistEntry:
        return self.by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def top(self) -> list[ChecklistEntry]:
        return [e for e in self.entries if e.is_top]

    def children(self, key: str) -> list[ChecklistEntry]:
        return [e for e in self.entries if e.parent == key]

    def for_oia(self, heading: str) -> list[ChecklistEntry]:
        return [e for e in self.entries if heading in e.oia]


def parse_checklist(data: dict) -> Checklist:
    """Build a checklist from the file's parsed data, refusing anything inconsistent."""
    raw_entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(raw_entries, list) or not raw_entries:
        raise ChecklistError("the checklist needs a non-empty list under 'entries'")
    entries: dict[str, ChecklistEntry] = {}
    numbers: set[int] = set()
    for position, raw in enumerate(raw_entries, start=1):
        key = str(raw.get("key", ""))
        where = f"entry {position} ({key or 'no key'})"
        if not KEY_PATTERN.match(key):
            raise ChecklistError(f"{where}: key must be lowercase ASCII words joined by '-'")
        if key in entries:
            raise ChecklistError(f"{where}: key is used twice")
        for field in ("title_th", "title_en"):
            if not str(raw.get(field) or "").strip():
                raise ChecklistError(f"{where}: {field} is missing")
        parent = raw.get("parent")
        if parent is not None and parent not in entries:
            raise ChecklistError(f"{where}: parent '{parent}' is not an earlier entry")
        depth = 1 if parent is None else entries[parent].depth + 1
        if depth > MAX_DEPTH:
            raise ChecklistError(f"{where}: deeper than {MAX_DEPTH} levels")
        try:
            renewal = Renewal(raw.get("renewal"))
        except ValueError:
            allowed = ", ".join(r.value for r in Renewal)
            raise ChecklistError(f"{where}: renewal must be one of {allowed}") from None
        oia = tuple(raw.get("oia") or ())
        unknown = [h for h in oia if h not in OIA_HEADINGS]
        if unknown:
            raise ChecklistError(f"{where}: unknown OIA heading(s) {', '.join(unknown)}")
        number = raw.get("number")
        if number is not None:
            if parent is not None:
                raise ChecklistError(f"{where}: only top categories carry a number")
            if number in numbers:
                raise ChecklistError(f"{where}: number {number} is used twice")
            numbers.add(number)
        entries[key] = ChecklistEntry(
            key=key,
            title_th=str(raw["title_th"]).strip(),
            title_en=str(raw["title_en"]).strip(),
            parent=parent,
            renewal=renewal,
            oia=oia,
            required=bool(raw.get("required", True)),
            description_th=str(raw.get("description_th") or "").strip(),
            number=number,
            depth=depth,
            cites_source=bool(raw.get("cites_source", False))
            or (parent is not None and entries[parent].cites_source),
            covers_period=bool(raw.get("covers_period", renewal in PERIODIC_RENEWALS)),
            reports_on_previous_period=_reports_on(raw, where) == "previous",
            every_period=bool(raw.get("every_period", False)),
            due_on=_due_on(raw, where),
        )
    return Checklist(entries=tuple(entries.values()))


def load_checklist_file(path: Path) -> Checklist:
    with path.open(encoding="utf-8") as f:
        return parse_checklist(yaml.safe_load(f))


@functools.cache
def load_checklist() -> Checklist:
    """The checklist shipped with Prakat, read once per process."""
    return load_checklist_file(CHECKLIST_PATH)
