import datetime
from zoneinfo import ZoneInfo

import pytest

from prakat.thai import dates

UTC = ZoneInfo("UTC")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 22), "22 พฤศจิกายน 2569"),
        (datetime.date(2024, 2, 29), "29 กุมภาพันธ์ 2567"),
        (datetime.date(2026, 12, 31), "31 ธันวาคม 2569"),
        (datetime.date(2027, 1, 1), "1 มกราคม 2570"),
        (datetime.date(2026, 10, 1), "1 ตุลาคม 2569"),
    ],
)
def test_date_in_buddhist_era(day, expected):
    assert dates.format_date(day) == expected


def test_datetime_is_shown_in_bangkok_time_and_its_date():
    # 20:30 UTC on 31 December is already New Year's Day in Bangkok, and a new B.E. year.
    moment = datetime.datetime(2026, 12, 31, 20, 30, tzinfo=UTC)
    assert dates.format_date(moment) == "1 มกราคม 2570"
    assert dates.format_datetime(moment) == "1 มกราคม 2570 เวลา 03:30 น."
    assert dates.be_year(moment) == 2570


def test_short_date_uses_abbreviated_thai_month():
    assert dates.format_date_short(datetime.date(2026, 11, 22)) == "22 พ.ย. 2569"


def test_thai_digits_on_request():
    assert dates.format_date(datetime.date(2026, 11, 22), thai_digits=True) == "๒๒ พฤศจิกายน ๒๕๖๙"


def test_period_formats():
    start, end = datetime.date(2026, 10, 1), datetime.date(2027, 9, 30)
    assert dates.format_period(start, end) == "1 ตุลาคม 2569 – 30 กันยายน 2570"
    assert dates.format_period(start, None) == "ตั้งแต่ 1 ตุลาคม 2569"
    assert dates.format_period(None, end) == "ถึง 30 กันยายน 2570"
    assert dates.format_period(start, start) == "1 ตุลาคม 2569"
    assert dates.format_period(None, None) == ""
