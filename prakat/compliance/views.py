"""Staff screens: the completeness dashboard and the ITA evidence, with its exports."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from prakat.agency.models import Agency
from prakat.agency.refusal import RightRequiredMixin, right_required
from prakat.agency.rights import right
from prakat.compliance.currency import Status, checklist_status, field_problems, status_counts
from prakat.compliance.evidence import (
    evidence_pdf,
    evidence_rows,
    evidence_xlsx,
    indicator_evidence,
)
from prakat.compliance.indicators import (
    IndicatorError,
    indicator_set_for,
    missing_year_warning,
    years_to_show,
)
from prakat.spreadsheet import PDF_CONTENT_TYPE, XLSX_CONTENT_TYPE, download
from prakat.thai.calendar import fiscal_year

# Requesters and unit heads ask to publish; the people who answer for the whole site see it.
RIGHT = right("view_compliance")


def agency_for(request: HttpRequest) -> Agency:
    agency = Agency.for_request(request) if request else None
    if agency is None or agency.site_id is None:
        agency = Agency.current()
    if agency is None:
        raise Http404
    return agency


class ComplianceAccessMixin(RightRequiredMixin):
    required_right = RIGHT


class DashboardView(ComplianceAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "compliance/dashboard.html"
    page_title = gettext_lazy("Information completeness")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = agency_for(self.request)
        today = timezone.localdate()
        results = checklist_status(agency, today)
        counts = status_counts(results)
        units = sorted({u for r in results for u in r.units}, key=lambda u: u.name)
        status = self.request.GET.get("status", "")
        unit = self.request.GET.get("unit", "")
        shown = results
        if status in {s.value for s in Status}:
            shown = [r for r in shown if r.status.value == status]
        else:
            status = ""
        if unit.isdigit():
            shown = [r for r in shown if any(u.pk == int(unit) for u in r.units)]
        else:
            unit = ""
        context.update(
            agency=agency,
            today=today,
            indicator_warning=missing_year_warning(fiscal_year(today)),
            results=shown,
            total=len(results),
            current=counts[Status.CURRENT],
            counts=[(s, counts[s]) for s in Status],
            problems=field_problems(agency, today),
            units=units,
            statuses=list(Status),
            selected_status=status,
            selected_unit=unit,
        )
        return context


def _year(request: HttpRequest, year: int | None = None) -> int:
    """The fiscal year asked for (by default the one under way), among those shown."""
    years = years_to_show(fiscal_year(timezone.localdate()))
    if not years:
        raise Http404
    if year is None:
        raw = request.GET.get("year", "")
        year = int(raw) if raw.isdigit() else fiscal_year(timezone.localdate())
        if year not in years:
            year = years[-1]
    if year not in years:
        raise Http404
    return year


class ITAView(ComplianceAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "compliance/ita.html"
    page_title = gettext_lazy("ITA evidence")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = agency_for(self.request)
        year = _year(self.request)
        try:
            indicator_set = indicator_set_for(year)
        except IndicatorError as broken:
            # A stored file a later release no longer reads: say so, and where to mend it.
            context.update(
                agency=agency,
                year=year,
                years=years_to_show(fiscal_year(timezone.localdate())),
                indicator_warning=_(
                    "The indicator file of fiscal year %(year)d no longer follows the rules "
                    "(%(rule)s): an administrator imports a corrected one."
                )
                % {"year": year, "rule": broken},
                moit=[],
                oit=[],
            )
            return context
        evidence = indicator_evidence(agency, indicator_set, timezone.localdate(), year)
        context.update(
            agency=agency,
            year=year,
            indicator_warning=missing_year_warning(year),
            years=years_to_show(fiscal_year(timezone.localdate())),
            indicator_set=indicator_set,
            moit=[e for e in evidence if e.framework == "MOIT"],
            oit=[e for e in evidence if e.framework == "OIT"],
            xlsx_url=reverse("compliance:ita_xlsx", args=[year]),
            pdf_url=reverse("compliance:ita_pdf", args=[year]),
        )
        return context


def _export(request: HttpRequest, year: int):
    year = _year(request, year)
    agency = agency_for(request)
    today = timezone.localdate()
    try:
        indicator_set = indicator_set_for(year)
    except IndicatorError as broken:
        raise Http404(str(broken)) from broken
    rows = evidence_rows(indicator_evidence(agency, indicator_set, today, year))
    return agency, year, today, rows


@right_required(RIGHT)
def ita_xlsx(request: HttpRequest, year: int) -> HttpResponse:
    _agency, year, _today, rows = _export(request, year)
    return download(
        request,
        evidence_xlsx(rows, year),
        filename=_("ITA evidence %(year)s.xlsx") % {"year": year},
        content_type=XLSX_CONTENT_TYPE,
        what=_("ITA evidence of fiscal year %(year)s (XLSX)") % {"year": year},
    )


@right_required(RIGHT)
def ita_pdf(request: HttpRequest, year: int) -> HttpResponse:
    agency, year, today, rows = _export(request, year)
    return download(
        request,
        evidence_pdf(rows, agency, year, today),
        filename=_("ITA evidence %(year)s.pdf") % {"year": year},
        content_type=PDF_CONTENT_TYPE,
        what=_("ITA evidence of fiscal year %(year)s (PDF)") % {"year": year},
    )
