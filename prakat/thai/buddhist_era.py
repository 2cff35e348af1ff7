"""Buddhist-era years wherever Django prints a date for a Thai reader.

Django's ``date`` filter and every screen built on it (Wagtail's listings, histories,
workflow timelines, "last updated") print the Christian-era year; its Thai locale says
"22 พฤศจิกายน 2026". There is no setting for the era, so the year letters of Django's
date format (``Y`` and ``y``) add 543 while Thai is the active language. Dates are still
stored and exchanged (ISO, RFC 2822, HTTP) in the Christian era.
"""

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
