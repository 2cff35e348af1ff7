"""Admin screens for the monthly publishing reports and the MOIT 1 evidence bundle.

The archive's listing, with its generate form, is ``MonthlyReportViewSet`` in ``viewsets.py``.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.models import Site

from prakat.agency.models import Agency
from prakat.agency.refusal import require, right_required
from prakat.agency.rights import right
from prakat.publishing import monitoring
from prakat.publishing.models import MonthlyReport
from prakat.publishing.moit1 import moit1_evidence_pdf
from prakat.spreadsheet import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from prakat.thai.calendar import fiscal_year
from prakat.thai.dates import BE_OFFSET, format_month

# Those who follow or check publishing read the reports; requesters only ask to publish.
READ = right("read_publishing_reports")
# Auditors check the evidence; they do not make it.
GENERATE = right("generate_publishing_reports")
YEARS_BACK = 5


def agency_for(request: HttpRequest) -> Agency:
    site = Site.find_for_request(request)
    agency = Agency.for_site(site) if site is not None else Agency.current()
    if agency is None:
        raise Http404
    return agency


class MonthForm(forms.Form):
    """A month to report on, its year in the Buddhist era as Thai readers count."""

    month = forms.TypedChoiceField(label=gettext_lazy("Month"), coerce=int, choices=())
    year = forms.TypedChoiceField(label=gettext_lazy("Year (B.E.)"), coerce=int, choices=())

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        this_year = today.year + BE_OFFSET
        self.fields["month"].choices = [(n, MONTHS[n]) for n in range(1, 13)]
        self.fields["year"].choices = [(y, y) for y in range(this_year, this_year - YEARS_BACK, -1)]
        self.initial.setdefault("month", today.month)
        self.initial.setdefault("year", this_year)

    def clean(self):
        data = super().clean()
        if "month" in data and "year" in data:
            data["year_ce"] = data["year"] - BE_OFFSET
            if (data["year_ce"], data["month"]) > (self.today.year, self.today.month):
                raise forms.ValidationError(_("A month that has not begun has nothing to report."))
        return data


class FiscalYearForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(
        label=gettext_lazy("Fiscal year (B.E.)"), coerce=int, choices=()
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        current = fiscal_year(today)
        self.fields["fiscal_year"].choices = [
            (y, y) for y in range(current, current - YEARS_BACK, -1)
        ]
        self.initial.setdefault("fiscal_year", current)


@right_required(READ)
def monthly_report_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """An archived report's PDF or spreadsheet, served to those who may read reports."""
    if kind not in ("pdf", "xlsx"):
        raise Http404
    report = get_object_or_404(MonthlyReport, pk=pk, agency=agency_for(request))
    file = report.pdf if kind == "pdf" else report.xlsx
    if not file:
        raise Http404
    filename = _("monthly-report-%(year)d-%(month)02d.%(extension)s") % {
        "year": report.year + BE_OFFSET,
        "month": report.month,
        "extension": kind,
    }
    with file.open("rb") as opened:
        body = opened.read()
    return download(
        request,
        body,
        filename=filename,
        content_type=PDF_CONTENT_TYPE if kind == "pdf" else XLSX_CONTENT_TYPE,
        what=_("Monthly publishing report of %(month)s (%(format)s)")
        % {"month": format_month(report.year, report.month), "format": kind.upper()},
    )


@right_required(READ)
def moit1_evidence(request: HttpRequest) -> HttpResponse:
    """The MOIT 1 evidence of the fiscal year asked for (``fiscal_year=2570``), as one PDF.

    Read (GET) it holds the finished months' archived reports and changes nothing; built
    (POST, by someone who may generate reports) the finished months not yet archived are
    generated and archived first."""
    generate = request.method == "POST"
    if generate:
        require(request.user, GENERATE)
    form = FiscalYearForm(request.POST if generate else request.GET, today=timezone.localdate())
    if not form.is_valid():
        raise Http404
    year = form.cleaned_data["fiscal_year"]
    return download(
        request,
        moit1_evidence_pdf(agency_for(request), year, user=request.user, generate=generate),
        filename=_("moit1-evidence-%(year)d.pdf") % {"year": year},
        content_type=PDF_CONTENT_TYPE,
        what=_("MOIT 1 evidence of fiscal year %(year)d (PDF)") % {"year": year},
    )


@right_required(READ)
def acknowledge_monitoring(request: HttpRequest) -> HttpResponse:
    """The executive acknowledges last fiscal year's monitoring summary (a POST); anyone who
    reads the reports downloads the summary (a GET) as it stands."""
    agency = agency_for(request)
    year = fiscal_year(timezone.localdate()) - 1
    if request.method == "POST":
        try:
            monitoring.acknowledge(agency, year, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You acknowledged the monitoring summary of fiscal year %(year)d.")
                % {"year": year},
            )
        return redirect("monthly_reports:index")
    return download(
        request,
        monitoring.monitoring_pdf(agency, year),
        filename=_("monitoring-summary-%(year)d.pdf") % {"year": year},
        content_type=PDF_CONTENT_TYPE,
        what=_("Monitoring summary of fiscal year %(year)d (PDF)") % {"year": year},
    )
