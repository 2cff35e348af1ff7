"""Complaint statistics: counts by type and status and the days taken to close, by month and
by fiscal year; and the 6- and 12-month report (MOIT 10) published on the site by itself.

A fiscal year runs 1 October – 30 September. The 6-month report (October – March) is due once
March has ended, the 12-month report once September has ended; a daily job publishes each,
once, as an information item of the checklist's complaint-report category.
"""

from __future__ import annotations

import datetime
import statistics as stats
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from huey import crontab
from wagtail.models import Collection

from prakat.agency.models import Agency, Unit
from prakat.content.going_live import publication_authorised
from prakat.content.models import AgencyDocument, CategoryPage, InformationItemPage, ItemAttachment
from prakat.content.pdf import render_pdf
from prakat.eservices.models import (
    Case,
    CaseKind,
    CaseStatus,
    ComplaintReportPublication,
)
from prakat.schedule.jobs import scheduled_job
from prakat.thai.calendar import (
    Period,
    fiscal_half,
    fiscal_half_period,
    fiscal_year,
    fiscal_year_months,
    fiscal_year_period,
    month_period,
)
from prakat.thai.dates import format_date, format_datetime

REPORT_KEY = "complaint-report"
COMPLAINT_KINDS = (CaseKind.GENERAL_COMPLAINT, CaseKind.CORRUPTION_COMPLAINT)


@dataclass
class Row:
    """The figures of one kind (or all kinds) over one period."""

    label: str
    received: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    days_to_close: list[float] = field(default_factory=list)

    @property
    def closed(self) -> int:
        return self.by_status.get(CaseStatus.CLOSED, 0)

    @property
    def open(self) -> int:
        return self.received - self.closed

    @property
    def mean_days(self) -> float | None:
        return round(stats.mean(self.days_to_close), 1) if self.days_to_close else None

    @property
    def median_days(self) -> float | None:
        return round(stats.median(self.days_to_close), 1) if self.days_to_close else None

    def status_counts(self) -> list[tuple[str, int]]:
        return [(label, self.by_status.get(value, 0)) for value, label in CaseStatus.choices]


@dataclass
class Summary:
    start: datetime.date
    end: datetime.date
    rows: list[Row]
    total: Row


def summarise(
    agency: Agency, start: datetime.date, end: datetime.date, kinds=tuple(CaseKind.values)
) -> Summary:
    """Cases received from ``start`` to ``end`` (Bangkok days): their status now, and the
    days each closed one took from receipt to closing."""
    low, high = Period(start, end).instants()
    cases = Case.objects.filter(
        agency=agency, kind__in=kinds, received_at__gte=low, received_at__lt=high
    ).values_list("kind", "status", "received_at", "closed_at")
    labels = dict(CaseKind.choices)
    rows = {kind: Row(str(labels[kind])) for kind in kinds}
    total = Row(_("Total"))
    for kind, status, received_at, closed_at in cases:
        for row in (rows[kind], total):
            row.received += 1
            row.by_status[status] = row.by_status.get(status, 0) + 1
            if status == CaseStatus.CLOSED and closed_at:
                row.days_to_close.append((closed_at - received_at).total_seconds() / 86400)
    return Summary(start, end, list(rows.values()), total)


def report_period(fiscal_year_be: int, months: int) -> Period:
    """What the 6-month report covers (the fiscal year's first half, October – March) or the
    12-month one (the whole year)."""
    if months == 6:
        return fiscal_half_period(fiscal_year_be, 1)
    return fiscal_year_period(fiscal_year_be)


def monthly(agency: Agency, fiscal_year_be: int, kinds=tuple(CaseKind.values)) -> list[Summary]:
    """One summary a month of the fiscal year, October first."""
    result = []
    for year, month in fiscal_year_months(fiscal_year_be):
        days = month_period(year, month)
        result.append(summarise(agency, days.start, days.end, kinds=kinds))
    return result


# --- the published report -----------------------------------------------------------------


def report_title(fiscal_year_be: int, months: int) -> str:
    return _("Complaint handling report, %(months)d months, fiscal year %(year)d") % {
        "months": months,
        "year": fiscal_year_be,
    }


def render_report(agency: Agency, fiscal_year_be: int, months: int) -> bytes:
    period = report_period(fiscal_year_be, months)
    summary = summarise(agency, period.start, period.end, kinds=COMPLAINT_KINDS)
    by_month = [
        m for m in monthly(agency, fiscal_year_be, kinds=COMPLAINT_KINDS) if m.end <= period.end
    ]
    return render_pdf(
        "eservices/pdf/complaint_report.html",
        {
            "agency": agency,
            "title": report_title(fiscal_year_be, months),
            "period": f"{format_date(period.start)} – {format_date(period.end)}",
            "summary": summary,
            "months": [(format_date(m.start).split(" ", 1)[1], m.total) for m in by_month],
            "made_at": format_datetime(timezone.now()),
        },
    )


def due_report(today: datetime.date) -> tuple[int, int]:
    """The most recent report whose period has ended: (fiscal year B.E., months)."""
    current = fiscal_year(today)
    if fiscal_half(today) == 2:
        return current, 6
    return current - 1, 12


def owner_unit_for(agency: Agency) -> Unit | None:
    """The unit handling complaints: the first named for the category in the responsibility
    matrix, else the agency's first unit."""
    row = agency.responsibilities.filter(category_key=REPORT_KEY).first()
    if row is not None:
        unit = row.responsible_units.order_by("name").first()
        if unit is not None:
            return unit
    return agency.units.order_by("name").first()


def report_category(agency: Agency) -> CategoryPage | None:
    root = agency.site.root_page
    return (
        CategoryPage.objects.descendant_of(root, inclusive=True)
        .filter(checklist_key=REPORT_KEY)
        .first()
    )


def publish_report(agency: Agency, fiscal_year_be: int, months: int) -> InformationItemPage | None:
    """Publish the report once; a second call for the same period returns None."""
    if ComplaintReportPublication.objects.filter(
        agency=agency, fiscal_year=fiscal_year_be, months=months
    ).exists():
        return None
    category = report_category(agency)
    unit = owner_unit_for(agency)
    if category is None or unit is None:
        return None
    pdf = render_report(agency, fiscal_year_be, months)
    title = report_title(fiscal_year_be, months)
    period = report_period(fiscal_year_be, months)
    summary_text = _(
        "Complaints received by the agency's e-services and how they were handled, "
        "by type and status, with the days taken to close them."
    )
    with transaction.atomic():
        # The row is taken first: a second worker running the same period stops here.
        record = ComplaintReportPublication.objects.create(
            agency=agency, fiscal_year=fiscal_year_be, months=months
        )
        document = AgencyDocument(title=title, collection=Collection.get_first_root_node())
        document.file = ContentFile(pdf, name=f"complaint-report-{fiscal_year_be}-{months}.pdf")
        document.save()
        item = InformationItemPage(
            title=title,
            owner_unit=unit,
            data_period_start=period.start,
            data_period_end=period.end,
            body=f"<p>{escape(summary_text)}</p>",
            live=False,
        )
        category.add_child(instance=item)
        ItemAttachment.objects.create(page=item, document=document, sort_order=0)
        # Items reach the site through a request from people; this one is made by the
        # system from its own records, so it is published here, in code.
        with publication_authorised():
            item.save_revision().publish()
        item.refresh_from_db()
        record.item = item
        record.save(update_fields=["item"])
    return item


def publish_due_reports(today: datetime.date | None = None) -> list[InformationItemPage]:
    today = today or timezone.localdate()
    fiscal_year_be, months = due_report(today)
    published = []
    for agency in Agency.objects.select_related("site"):
        item = publish_report(agency, fiscal_year_be, months)
        if item is not None:
            published.append(item)
    return published


# 00:15 UTC is 07:15 in Bangkok; the job finds nothing to do on days after the first run.
@scheduled_job("complaint-report", crontab(hour="0", minute="15"))
def complaint_report_job() -> str:
    return f"{len(publish_due_reports())} complaint report(s) published"
