"""Template filters for Buddhist-era dates: ``{{ page.first_published_at|thai_date }}``."""

import datetime

from django import template

from prakat.thai import dates

register = template.Library()


@register.filter
def thai_date(value: datetime.date | None) -> str:
    return dates.format_date(value)


@register.filter
def thai_date_short(value: datetime.date | None) -> str:
    return dates.format_date_short(value)


@register.filter
def thai_datetime(value: datetime.datetime | None) -> str:
    return dates.format_datetime(value)


@register.simple_tag
def thai_period(start: datetime.date | None, end: datetime.date | None) -> str:
    return dates.format_period(start, end)
