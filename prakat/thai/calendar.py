"""The calendar the agency works by: the Thai fiscal year (ปีงบประมาณ), its months, quarters
and halves, and calendar months — the one place that knows where each of them begins and ends.

The fiscal year runs 1 October – 30 September and is named by the Buddhist-era year it ends
in: 1 October 2026 (2569 B.E.) begins fiscal year 2570. Its months, quarters and halves count
from October: fiscal month 1 is October, quarter 1 is October–December, half 1 is
October–March.

Everything here takes and returns dates, as Bangkok counts them. A query on a datetime field
asks a period for its ``instants()``: the Bangkok midnight it begins at and the one after its
last day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from prakat.thai.dates import BANGKOK, BE_OFFSET, to_bangkok

# October: the budget of a new fiscal year begins on its first day.
FISCAL_YEAR_FIRST_MONTH = 10


@dataclass(frozen=True)
class Period:
    """The days ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    def instants(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The Bangkok midnight that begins ``start`` and the one after ``end``, for a
        ``__gte`` / ``__lt`` query: a case received at 23:30 on the last evening belongs to
        the period, though UTC has it earlier the same day."""
        after = self.end + datetime.timedelta(days=1)
        return (
            datetime.datetime.combine(self.start, datetime.time.min, BANGKOK),
            datetime.datetime.combine(after, datetime.time.min, BANGKOK),
        )


def _day(value: datetime.date) -> datetime.date:
    """A date as it is; a moment by its Bangkok date."""
    if isinstance(value, datetime.datetime):
        return to_bangkok(value).date()
    return value


def _month_start(year: int, month: int, months_later: int = 0) -> datetime.date:
    """The first day of the month ``months_later`` months after ``year``-``month``."""
    index = year * 12 + month - 1 + months_later
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- calendar months --------------------------------------------------------------------------


def month_period(year: int, month: int) -> Period:
    """The days of a calendar month (C.E. year)."""
    start = _month_start(year, month)
    return Period(start, _month_start(year, month, 1) - datetime.timedelta(days=1))


def previous_month(day: datetime.date) -> tuple[int, int]:
    """``(C.E. year, month)`` of the month before ``day``'s."""
    start = _month_start(day.year, day.month, -1)
    return start.year, start.month


# --- the fiscal year --------------------------------------------------------------------------


def fiscal_year(value: datetime.date) -> int:
    """The fiscal year (B.E.) a day falls in; a moment counts by its Bangkok date."""
    day = _day(value)
    return day.year + BE_OFFSET + (1 if day.month >= FISCAL_YEAR_FIRST_MONTH else 0)


def fiscal_month(value: datetime.date) -> int:
    """1 for October, 2 for November … 12 for September."""
    return (_day(value).month - FISCAL_YEAR_FIRST_MONTH) % 12 + 1


def fiscal_quarter(value: datetime.date) -> int:
    """1 for October–December, 2 for January–March, 3 for April–June, 4 for July–September."""
    return (fiscal_month(value) - 1) // 3 + 1


def fiscal_half(value: datetime.date) -> int:
    """1 for October–March, 2 for April–September."""
    return (fiscal_month(value) - 1) // 6 + 1


def _fiscal_span(year: int, first_month: int, months: int) -> Period:
    """``months`` months of fiscal year ``year`` (B.E.) from its fiscal month ``first_month``."""
    ce_start_year = year - BE_OFFSET - 1
    start = _month_start(ce_start_year, FISCAL_YEAR_FIRST_MONTH, first_month - 1)
    after = _month_start(start.year, start.month, months)
    return Period(start, after - datetime.timedelta(days=1))


def fiscal_year_period(year: int) -> Period:
    """1 October of the C.E. year before – 30 September, of fiscal year ``year`` (B.E.)."""
    return _fiscal_span(year, 1, 12)


def fiscal_quarter_period(year: int, quarter: int) -> Period:
    """Quarter ``quarter`` (1–4) of fiscal year ``year`` (B.E.)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"a fiscal year has quarters 1 to 4, not {quarter}")
    return _fiscal_span(year, (quarter - 1) * 3 + 1, 3)


def fiscal_half_period(year: int, half: int) -> Period:
    """Half ``half`` (1 or 2) of fiscal year ``year`` (B.E.)."""
    if half not in (1, 2):
        raise ValueError(f"a fiscal year has halves 1 and 2, not {half}")
    return _fiscal_span(year, (half - 1) * 6 + 1, 6)


def fiscal_year_months(year: int) -> list[tuple[int, int]]:
    """The ``(C.E. year, month)`` of each month of fiscal year ``year`` (B.E.), October first."""
    first = fiscal_year_period(year).start
    months = [_month_start(first.year, first.month, n) for n in range(12)]
    return [(m.year, m.month) for m in months]


def fiscal_period_containing(value: datetime.date, months: int) -> Period:
    """The period of ``months`` months (1, 3, 6 or 12) of the fiscal year that holds
    ``value``: its month, quarter, half or the whole year."""
    if months not in (1, 3, 6, 12):
        raise ValueError(f"a fiscal period is 1, 3, 6 or 12 months long, not {months}")
    first_month = (fiscal_month(value) - 1) // months * months + 1
    return _fiscal_span(fiscal_year(value), first_month, months)
