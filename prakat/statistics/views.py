"""Visitor statistics for the public (totals, 30 days, most read) and for staff (by range)."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.refusal import RightRequiredMixin
from prakat.agency.rights import right
from prakat.spreadsheet import CSV_CONTENT_TYPE, csv_bytes, download
from prakat.statistics import figures
from prakat.thai.dates import format_date
from prakat.thai.forms import DateRangeForm

CHART_DAYS = 30
STATISTICS = right("view_statistics")


def chart(days: list[tuple[datetime.date, int]]) -> dict:
    """Bars for an inline SVG chart; the same figures go in a table beside it."""
    top = max((n for _, n in days), default=0) or 1
    width, height, gap = 20, 120, 4
    bars = [
        {
            "x": i * (width + gap),
            "height": round(height * n / top),
            "y": height - round(height * n / top),
            "day": format_date(day),
            "views": n,
        }
        for i, (day, n) in enumerate(days)
    ]
    return {"bars": bars, "width": len(days) * (width + gap), "height": height, "bar": width}


def public_statistics(today: datetime.date | None = None) -> dict:
    """What the visitor-statistics category shows: totals, the last 30 days, most read."""
    today = today or timezone.localdate()
    start = today - datetime.timedelta(days=CHART_DAYS - 1)
    days = figures.daily(start, today)
    return {
        "totals": figures.totals(today),
        "days": [(format_date(d), n) for d, n in days],
        "chart": chart(days),
        "most_read": figures.most_read(start, today),
    }


class StaffStatisticsView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "statistics/staff.html"
    page_title = gettext_lazy("Visitor statistics")
    header_icon = "view"
    required_right = STATISTICS

    def date_range(self) -> tuple[DateRangeForm, datetime.date, datetime.date]:
        today = timezone.localdate()
        default = {"start": today.replace(day=1), "end": today}
        asked = "start" in self.request.GET or "end" in self.request.GET
        form = DateRangeForm(self.request.GET if asked else None, initial=default)
        if form.is_bound and form.is_valid():
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        return form, default["start"], default["end"]

    def get(self, request, *args, **kwargs):
        form, start, end = self.date_range()
        if request.GET.get("format") == "csv" and not form.errors:
            return self.csv(start, end)
        return super().get(request, *args, form=form, start=start, end=end, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = kwargs["start"], kwargs["end"]
        context.update(
            totals=figures.totals(timezone.localdate()),
            days=[(format_date(d), n) for d, n in figures.daily(start, end)],
            categories=figures.by_category(start, end),
            units=figures.by_unit(start, end),
            most_read=figures.most_read(start, end, limit=20),
            range_text=f"{format_date(start)} – {format_date(end)}",
            csv_query=self.request.GET.urlencode(),
        )
        return context

    def csv(self, start: datetime.date, end: datetime.date) -> HttpResponse:
        rows = [[_("Section"), _("Name"), _("Views")]]
        rows += [[_("Day"), format_date(day), views] for day, views in figures.daily(start, end)]
        rows += [[_("Category"), name, views] for name, views in figures.by_category(start, end)]
        rows += [[_("Unit"), name, views] for name, views in figures.by_unit(start, end)]
        rows += [
            [_("Item"), item.title, views]
            for item, views in figures.most_read(start, end, limit=100)
        ]
        return download(
            self.request,
            csv_bytes(rows),
            filename=f"views-{start}-{end}.csv",
            content_type=CSV_CONTENT_TYPE,
            what=_("Visitor statistics %(start)s – %(end)s (CSV)")
            % {"start": format_date(start), "end": format_date(end)},
        )
