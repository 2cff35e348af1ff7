"""The currency rules on their own: dates in, status out, no database."""

import datetime

import pytest

from prakat.compliance.currency import (
    Status,
    period_containing,
    previous_period,
    procurement_plan_status,
    renewal_status,
    working_days_after,
)
from prakat.content.checklist import Renewal
from prakat.thai.calendar import Period, fiscal_half, fiscal_quarter, fiscal_year

pytestmark = pytest.mark.database_neutral

d = datetime.date
D = 10  # the agency's renewal_due_day


def test_fiscal_year_turns_on_1_october():
    assert fiscal_year(d(2025, 9, 30)) == 2568
    assert fiscal_year(d(2025, 10, 1)) == 2569
    assert fiscal_year(d(2026, 1, 1)) == 2569  # the calendar B.E. year changes, not the fiscal one


@pytest.mark.parametrize(
    ("day", "quarter", "half"),
    [
        (d(2025, 10, 1), 1, 1),
        (d(2025, 12, 31), 1, 1),
        (d(2026, 1, 1), 2, 1),
        (d(2026, 3, 31), 2, 1),
        (d(2026, 4, 1), 3, 2),
        (d(2026, 7, 1), 4, 2),
        (d(2026, 9, 30), 4, 2),
    ],
)
def test_quarters_and_halves_count_from_october(day, quarter, half):
    assert fiscal_quarter(day) == quarter
    assert fiscal_half(day) == half


def test_periods_of_each_cadence():
    day = d(2026, 2, 14)
    assert period_containing(Renewal.MONTHLY, day) == Period(d(2026, 2, 1), d(2026, 2, 28))
    assert period_containing(Renewal.QUARTERLY, day) == Period(d(2026, 1, 1), d(2026, 3, 31))
    assert period_containing(Renewal.HALF_YEARLY, day) == Period(d(2025, 10, 1), d(2026, 3, 31))
    assert period_containing(Renewal.YEARLY, day) == Period(d(2025, 10, 1), d(2026, 9, 30))
    assert period_containing(Renewal.ON_CHANGE, day) is None
    assert previous_period(Renewal.MONTHLY, d(2026, 1, 5)) == Period(
        d(2025, 12, 1), d(2025, 12, 31)
    )
    assert previous_period(Renewal.YEARLY, d(2025, 10, 1)) == Period(d(2024, 10, 1), d(2025, 9, 30))
    assert previous_period(Renewal.HALF_YEARLY, d(2026, 4, 1)) == Period(
        d(2025, 10, 1), d(2026, 3, 31)
    )


def test_monthly_item_is_due_after_day_d_of_the_month():
    published = [d(2025, 12, 5)]  # December's summary
    # The new month: December's item carries the grace up to and including day D.
    assert renewal_status(Renewal.MONTHLY, published, d(2026, 1, 1), D) == (Status.CURRENT, None)
    assert renewal_status(Renewal.MONTHLY, published, d(2026, 1, 10), D) == (Status.CURRENT, None)
    assert renewal_status(Renewal.MONTHLY, published, d(2026, 1, 11), D) == (
        Status.DUE,
        d(2026, 1, 11),
    )
    # January's item makes it current again.
    assert renewal_status(Renewal.MONTHLY, [*published, d(2026, 1, 11)], d(2026, 1, 11), D)[0] == (
        Status.CURRENT
    )


def test_monthly_without_last_months_item_is_due_even_in_the_grace_days():
    status, since = renewal_status(Renewal.MONTHLY, [d(2025, 10, 20)], d(2025, 12, 3), D)
    assert status is Status.DUE
    assert since == d(2025, 11, 11)


def test_yearly_item_across_30_september_and_1_october():
    published = [d(2024, 11, 2)]  # fiscal year 2568's plan
    assert renewal_status(Renewal.YEARLY, published, d(2025, 9, 30), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.YEARLY, published, d(2025, 10, 1), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.YEARLY, published, d(2025, 10, 10), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.YEARLY, published, d(2025, 10, 11), D) == (
        Status.DUE,
        d(2025, 10, 11),
    )
    # 1 January does not start a new fiscal year: a plan published in October still counts.
    assert renewal_status(Renewal.YEARLY, [d(2025, 10, 3)], d(2026, 1, 11), D)[0] is (
        Status.CURRENT
    )


def test_quarterly_and_half_yearly():
    q1_report = [d(2025, 12, 20)]
    assert renewal_status(Renewal.QUARTERLY, q1_report, d(2026, 1, 10), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.QUARTERLY, q1_report, d(2026, 1, 11), D)[0] is Status.DUE
    assert renewal_status(Renewal.QUARTERLY, q1_report, d(2026, 3, 31), D)[0] is Status.DUE
    half_1 = [d(2025, 11, 1)]
    assert renewal_status(Renewal.HALF_YEARLY, half_1, d(2026, 3, 31), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.HALF_YEARLY, half_1, d(2026, 4, 10), D)[0] is Status.CURRENT
    assert renewal_status(Renewal.HALF_YEARLY, half_1, d(2026, 4, 11), D)[0] is Status.DUE


def test_on_change_entries_are_current_whenever_published():
    assert renewal_status(Renewal.ON_CHANGE, [d(2010, 1, 1)], d(2026, 1, 11), D) == (
        Status.CURRENT,
        None,
    )


def test_working_days_skip_weekends_and_thai_holidays():
    # Friday 3 April 2026 + 1 working day: Monday 6 April is Chakri Memorial Day.
    assert working_days_after(d(2026, 4, 3), 1) == d(2026, 4, 7)
    # Thursday 9 April + 2: Friday 10, then Monday 13–Wednesday 15 are Songkran.
    assert working_days_after(d(2026, 4, 9), 2) == d(2026, 4, 16)
    # Across the new year: 31 Dec 2025 and 1–2 Jan 2026 are holidays, 3–4 Jan a weekend.
    assert working_days_after(d(2025, 12, 30), 1) == d(2026, 1, 5)


def test_procurement_plan_within_30_working_days_of_the_allocation():
    allocation = d(2025, 11, 3)  # Monday
    deadline = working_days_after(allocation, 30)
    assert deadline == d(2025, 12, 17)  # 5 and 10 December are holidays
    last_year = [d(2024, 12, 1)]
    assert procurement_plan_status(last_year, deadline, D, allocation) == (Status.CURRENT, None)
    assert procurement_plan_status(
        last_year, deadline + datetime.timedelta(days=1), D, allocation
    ) == (
        Status.DUE,
        deadline + datetime.timedelta(days=1),
    )
    published_after = [*last_year, d(2025, 11, 20)]
    assert procurement_plan_status(published_after, d(2026, 2, 1), D, allocation)[0] is (
        Status.CURRENT
    )


def test_procurement_plan_without_allocation_follows_the_yearly_rule():
    last_year_allocation = d(2024, 11, 1)
    published = [d(2024, 12, 1)]
    assert procurement_plan_status(published, d(2025, 10, 11), D, None)[0] is Status.DUE
    assert procurement_plan_status(published, d(2025, 10, 11), D, last_year_allocation)[0] is (
        Status.DUE
    )
