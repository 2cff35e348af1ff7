"""The Thai calendar: every expected value below is read off a wall calendar, not computed."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from prakat.thai import calendar
from prakat.thai.calendar import Period

d = datetime.date
UTC = ZoneInfo("UTC")
BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.mark.parametrize(
    ("day", "year", "month", "quarter", "half"),
    [
        (d(2026, 9, 30), 2569, 12, 4, 2),
        (d(2026, 10, 1), 2570, 1, 1, 1),
        (d(2026, 11, 15), 2570, 2, 1, 1),
        (d(2026, 12, 31), 2570, 3, 1, 1),
        (d(2027, 1, 1), 2570, 4, 2, 1),  # the calendar B.E. year changes, not the fiscal one
        (d(2027, 3, 31), 2570, 6, 2, 1),
        (d(2027, 4, 1), 2570, 7, 3, 2),
        (d(2027, 6, 30), 2570, 9, 3, 2),
        (d(2027, 7, 1), 2570, 10, 4, 2),
        (d(2027, 9, 30), 2570, 12, 4, 2),
        (d(2027, 10, 1), 2571, 1, 1, 1),
    ],
)
def test_a_day_in_the_fiscal_year(day, year, month, quarter, half):
    assert calendar.fiscal_year(day) == year
    assert calendar.fiscal_month(day) == month
    assert calendar.fiscal_quarter(day) == quarter
    assert calendar.fiscal_half(day) == half


def test_a_moment_counts_by_its_bangkok_date():
    # 17:30 UTC on 30 September is 00:30 on 1 October in Bangkok: the new fiscal year.
    moment = datetime.datetime(2026, 9, 30, 17, 30, tzinfo=UTC)
    assert calendar.fiscal_year(moment) == 2570
    assert calendar.fiscal_month(moment) == 1
    # 16:59 UTC is still 23:59 on 30 September in Bangkok.
    assert calendar.fiscal_year(datetime.datetime(2026, 9, 30, 16, 59, tzinfo=UTC)) == 2569


def test_fiscal_year_2570_runs_from_1_october_2026_to_30_september_2027():
    assert calendar.fiscal_year_period(2570) == Period(d(2026, 10, 1), d(2027, 9, 30))
    assert calendar.fiscal_year_period(2569) == Period(d(2025, 10, 1), d(2026, 9, 30))


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (1, Period(d(2026, 10, 1), d(2026, 12, 31))),
        (2, Period(d(2027, 1, 1), d(2027, 3, 31))),
        (3, Period(d(2027, 4, 1), d(2027, 6, 30))),
        (4, Period(d(2027, 7, 1), d(2027, 9, 30))),
    ],
)
def test_quarters_of_fiscal_year_2570(quarter, expected):
    assert calendar.fiscal_quarter_period(2570, quarter) == expected


def test_halves_of_fiscal_year_2570():
    assert calendar.fiscal_half_period(2570, 1) == Period(d(2026, 10, 1), d(2027, 3, 31))
    assert calendar.fiscal_half_period(2570, 2) == Period(d(2027, 4, 1), d(2027, 9, 30))


def test_the_first_half_of_a_leap_fiscal_year_ends_on_31_march():
    # Fiscal 2571 holds February 2028, a leap month; its first half still ends on 31 March.
    assert calendar.fiscal_half_period(2571, 1) == Period(d(2027, 10, 1), d(2028, 3, 31))
    assert calendar.fiscal_quarter_period(2571, 2) == Period(d(2028, 1, 1), d(2028, 3, 31))


def test_there_is_no_fifth_quarter_or_third_half():
    with pytest.raises(ValueError):
        calendar.fiscal_quarter_period(2570, 5)
    with pytest.raises(ValueError):
        calendar.fiscal_half_period(2570, 3)
    with pytest.raises(ValueError):
        calendar.fiscal_period_containing(d(2027, 1, 1), 4)


def test_the_months_of_fiscal_year_2570_from_october():
    assert calendar.fiscal_year_months(2570) == [
        (2026, 10),
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
        (2027, 3),
        (2027, 4),
        (2027, 5),
        (2027, 6),
        (2027, 7),
        (2027, 8),
        (2027, 9),
    ]


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2026, 12, Period(d(2026, 12, 1), d(2026, 12, 31))),
        (2027, 1, Period(d(2027, 1, 1), d(2027, 1, 31))),
        (2027, 2, Period(d(2027, 2, 1), d(2027, 2, 28))),
        (2028, 2, Period(d(2028, 2, 1), d(2028, 2, 29))),
        (2026, 4, Period(d(2026, 4, 1), d(2026, 4, 30))),
        (2026, 9, Period(d(2026, 9, 1), d(2026, 9, 30))),
    ],
)
def test_month_periods(year, month, expected):
    assert calendar.month_period(year, month) == expected


def test_previous_month_crosses_new_year():
    assert calendar.previous_month(d(2027, 1, 15)) == (2026, 12)
    assert calendar.previous_month(d(2026, 12, 1)) == (2026, 11)
    assert calendar.previous_month(d(2028, 3, 1)) == (2028, 2)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (d(2028, 2, 14), 1, Period(d(2028, 2, 1), d(2028, 2, 29))),
        (d(2028, 2, 14), 3, Period(d(2028, 1, 1), d(2028, 3, 31))),
        (d(2028, 2, 14), 6, Period(d(2027, 10, 1), d(2028, 3, 31))),
        (d(2028, 2, 14), 12, Period(d(2027, 10, 1), d(2028, 9, 30))),
        (d(2026, 12, 31), 3, Period(d(2026, 10, 1), d(2026, 12, 31))),
        (d(2027, 1, 1), 3, Period(d(2027, 1, 1), d(2027, 3, 31))),
        (d(2026, 9, 30), 12, Period(d(2025, 10, 1), d(2026, 9, 30))),
        (d(2026, 10, 1), 12, Period(d(2026, 10, 1), d(2027, 9, 30))),
        (d(2027, 8, 20), 6, Period(d(2027, 4, 1), d(2027, 9, 30))),
    ],
)
def test_the_period_holding_a_day(day, months, expected):
    assert calendar.fiscal_period_containing(day, months) == expected


def test_a_period_holds_its_first_and_last_day_only():
    december = Period(d(2026, 12, 1), d(2026, 12, 31))
    assert d(2026, 12, 1) in december
    assert d(2026, 12, 31) in december
    assert d(2026, 11, 30) not in december
    assert d(2027, 1, 1) not in december


def test_a_period_spans_bangkok_midnight_to_bangkok_midnight():
    december = Period(d(2026, 12, 1), d(2026, 12, 31))
    start, after = december.instants()
    assert start == datetime.datetime(2026, 12, 1, 0, 0, tzinfo=BANGKOK)
    assert after == datetime.datetime(2027, 1, 1, 0, 0, tzinfo=BANGKOK)
    # In UTC the month begins at 17:00 on the last evening of November.
    assert start == datetime.datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    assert after == datetime.datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
