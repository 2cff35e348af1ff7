"""Buddhist-era years wherever Django prints a date for a Thai reader.

Django's ``date`` filter and every screen built on it (Wagtail's listings, histories,
workflow timelines, "last updated") print the Christian-era year; its Thai locale says
"22 พฤศจิกายน 2026". There is no setting for the era, so the year letters of Django's
date format (``Y`` and ``y``) add 543 while Thai is the active language. Dates are still
stored and exchanged (ISO, RFC 2822, HTTP) in the Christian era.
"""

import re

from django.conf import settings
from django.utils import dateformat, translation

BE_OFFSET = 543


def thai_active() -> bool:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == "th"


def install() -> None:
    if getattr(dateformat.DateFormat, "_prakat_buddhist_era", False):
        return
    ce_full, ce_short = dateformat.DateFormat.Y, dateformat.DateFormat.y

    def Y(self) -> str:
        return f"{self.data.year + BE_OFFSET:04d}" if thai_active() else ce_full(self)

    def y(self) -> str:
        return f"{(self.data.year + BE_OFFSET) % 100:02d}" if thai_active() else ce_short(self)

    dateformat.DateFormat.Y = Y
    dateformat.DateFormat.y = y
    dateformat.DateFormat._prakat_buddhist_era = True


def christian_era(view):
    """Wrap a view whose output machines read (sitemaps): dates in it stay Christian-era."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        with translation.override("en"):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    return wrapped


# A year typed into a Thai date field: Buddhist era from here on, Christian era below.
BE_YEARS_FROM = 2400
CE_YEARS = range(1900, 2201)
YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def ce_from_input(text: str) -> str:
    """A typed date with its Buddhist-era year turned Christian-era ("22/11/2569" → "…/2026").

    A year that is clearly Christian-era (1900–2200) is understood as typed, never moved by
    543 years; the picker writes Buddhist-era years, people sometimes type the other kind.
    """

    def convert(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year - BE_OFFSET) if year >= BE_YEARS_FROM else match.group(1)

    return YEAR.sub(convert, text, count=1)


def be_for_display(text: str) -> str:
    """What a form shows back after a refusal: the typed date with its year in B.E. again.

    The field's data was read with ``ce_from_input``; shown as it is, "09/03/2569" would come
    back as "09/03/2026" and the person would think Prakat changed their date.
    """

    def convert(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year + BE_OFFSET) if year in CE_YEARS else match.group(1)

    return YEAR.sub(convert, text, count=1)


def be_formatted(value, fmt: str) -> str:
    """``value`` formatted with ``fmt`` (strftime), its year in the Buddhist era."""
    return value.strftime(fmt.replace("%Y", f"{value.year + BE_OFFSET:04d}"))


def install_date_inputs() -> None:
    """Wagtail's date and date-time inputs speak Buddhist era to Thai staff.

    The picker Wagtail ships (xdsoft datetimepicker) has a year offset for exactly this: it
    shows and writes Buddhist-era years while keeping weekdays right. The server shows a
    stored date with its B.E. year and reads a typed B.E. year back as Christian era.
    """
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

    for widget in (AdminDateInput, AdminDateTimeInput):
        if getattr(widget, "_prakat_buddhist_era", False):
            continue
        _patch_widget(widget)


def _patch_widget(widget) -> None:
    import datetime

    get_config = widget.get_config
    format_value = widget.format_value
    value_from_datadict = widget.value_from_datadict

    def get_config_be(self):
        config = get_config(self)
        if thai_active():
            config["yearOffset"] = BE_OFFSET
        return config

    def format_value_be(self, value):
        if thai_active() and isinstance(value, datetime.date):
            return be_formatted(value, self.format)
        if thai_active() and isinstance(value, str):
            return be_for_display(value)
        return format_value(self, value)

    def value_from_datadict_be(self, data, files, name):
        value = value_from_datadict(self, data, files, name)
        if thai_active() and isinstance(value, str):
            return ce_from_input(value)
        return value

    widget.get_config = get_config_be
    widget.format_value = format_value_be
    widget.value_from_datadict = value_from_datadict_be
    widget._prakat_buddhist_era = True
