"""Dates as Thai readers expect them: Buddhist era (พ.ศ. = ค.ศ. + 543), Thai month names,
Asia/Bangkok wall-clock time."""

import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from pythainlp.util import thai_strftime

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543


def to_bangkok(value: datetime.datetime) -> datetime.datetime:
    """An aware datetime as Bangkok wall-clock time; a naive one is taken as already local."""
    if value.tzinfo is None:
        return value
    return value.astimezone(BANGKOK)


def be_year(value: datetime.date) -> int:
    """The Buddhist-era year of a date (or of a datetime's Bangkok date)."""
    if isinstance(value, datetime.datetime):
        value = to_bangkok(value)
    return value.year + BE_OFFSET


def format_date(value: datetime.date | None, *, thai_digits: bool = False) -> str:
    """``22 พฤศจิกายน 2569``; a datetime is shown by its Bangkok date."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = to_bangkok(value)
    return thai_strftime(value, "%-d %B %Y", thaidigit=thai_digits)


def format_date_short(value: datetime.date | None) -> str:
    """``22 พ.ย. 2569``, for tables and listings."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = to_bangkok(value)
    return thai_strftime(value, "%-d %b %Y")


def format_month(year: int, month: int) -> str:
    """``ตุลาคม 2569``: a month as Thai readers name it; ``year`` in the Christian era."""
    return thai_strftime(datetime.date(year, month, 1), "%B %Y")


def format_datetime(value: datetime.datetime | None) -> str:
    """``22 พฤศจิกายน 2569 เวลา 08:48 น.`` in Bangkok time."""
    if value is None:
        return ""
    local = to_bangkok(value)
    return _("%(date)s at %(time)s") % {"date": format_date(local), "time": f"{local:%H:%M}"}


def format_period(start: datetime.date | None, end: datetime.date | None) -> str:
    """A data period: ``1 ตุลาคม 2569 – 30 กันยายน 2570``, or an open-ended one."""
    if start and end:
        if start == end:
            return format_date(start)
        return f"{format_date(start)} – {format_date(end)}"
    if start:
        return _("from %(date)s") % {"date": format_date(start)}
    if end:
        return _("until %(date)s") % {"date": format_date(end)}
    return ""
