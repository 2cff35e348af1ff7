"""The computer traffic log screen: the sealed days, and a date range exported as CSV for an
authority's request. Auditors only; every export is written in the audit log."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from prakat.agency.refusal import RightRequiredMixin
from prakat.audit import traffic
from prakat.audit.access import TRAFFIC_LOG
from prakat.audit.models import SealedSegment
from prakat.audit.retention import retention_days
from prakat.spreadsheet import CSV_CONTENT_TYPE, csv_lines, download
from prakat.thai.dates import format_date

RECENT_DAYS = 120


class TrafficRangeForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=AdminDateInput)
    end = forms.DateField(label=gettext_lazy("Until"), widget=AdminDateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The range must end on or after the day it starts."))
        return data


def csv_headings() -> list[str]:
    return [
        _("Sealed day"),
        _("Line"),
        _("Time (Bangkok)"),
        _("IP address"),
        _("Port"),
        _("Method"),
        _("URL"),
        _("Status"),
        _("Bytes sent"),
        _("User agent"),
        _("User"),
        _("Proxy address"),
        _("Duration (ms)"),
        _("Server process"),
        _("Process line"),
    ]


def traffic_rows(start: datetime.date, end: datetime.date):
    yield csv_headings()
    for entry in traffic.entries_between(start, end):
        seq = entry.get("seq", "")
        yield [entry["time"][:10] if seq else "", seq] + [
            entry.get(field, "") for field in traffic.FIELDS
        ]


def traffic_csv(start: datetime.date, end: datetime.date):
    # Visitors choose their user agent and the address they ask for: csv_lines keeps them text.
    return csv_lines(traffic_rows(start, end))


class TrafficLogView(RightRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/traffic_log.html"
    page_title = gettext_lazy("Computer traffic log")
    header_icon = "list-ul"
    required_right = TRAFFIC_LOG
    superuser_passes = False

    def get(self, request, *args, **kwargs):
        form = TrafficRangeForm(request.GET if "start" in request.GET else None)
        if form.is_bound and form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            return download(
                request,
                traffic_csv(start, end),
                filename=f"traffic-{start.isoformat()}-{end.isoformat()}.csv",
                content_type=CSV_CONTENT_TYPE,
                what=_("Computer traffic log %(start)s – %(end)s (CSV)")
                % {"start": format_date(start), "end": format_date(end)},
                start=start.isoformat(),
                end=end.isoformat(),
            )
        return super().get(request, *args, form=form, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if kwargs["form"] is None or not kwargs["form"].is_bound:
            today = timezone.localdate()
            kwargs["form"] = TrafficRangeForm(initial={"start": today, "end": today})
        context.update(
            form=kwargs["form"],
            segments=SealedSegment.objects.all()[:RECENT_DAYS],
            retention_days=retention_days(),
        )
        return context
