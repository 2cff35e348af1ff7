"""The monthly publishing report (แบบบันทึกรายงานผลการเผยแพร่ข้อมูลผ่านเว็บไซต์).

The agencies' guidelines make the unit head follow publishing every month and report it on
this record, which the director signs and the ITA assessors ask for under MOIT 1. It is built
from the records the requests already keep: what was published, updated or taken down in the
month, by whom, with whose approval, and how long each step took against the agency's time
standard. Months are Bangkok months; the archive keeps each month's PDF and spreadsheet.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry

from prakat.agency.models import Agency, display_name
from prakat.content.checklist import load_checklist
from prakat.content.models import InformationItemPage
from prakat.content.pdf import render_pdf
from prakat.publishing.models import (
    MonthlyReport,
    PublicationRequest,
    RequestKind,
    WrittenApproval,
)
from prakat.publishing.printing import standing_approvals
from prakat.publishing.timing import format_duration, format_standard, step_times
from prakat.spreadsheet import append_row
from prakat.thai.calendar import month_period
from prakat.thai.dates import format_date, format_datetime, format_month


class Action:
    """What happened to an item in the month: the report's three columns of counts."""

    PUBLISHED = "published"
    UPDATED = "updated"
    TAKEN_DOWN = "taken_down"


def action_label(action: str) -> str:
    return {
        Action.PUBLISHED: _("Newly published"),
        Action.UPDATED: _("Updated"),
        Action.TAKEN_DOWN: _("Taken down"),
    }[action]


@dataclass(frozen=True)
class Approval:
    name: str
    position: str
    at: datetime.datetime
    verbal: bool


@dataclass(frozen=True)
class StepResult:
    label: str
    took: str
    standard: str
    within_standard: bool | None  # None: not started, or no standard to be within

    @property
    def verdict(self) -> str:
        if self.within_standard is None:
            return "-"
        return _("within standard") if self.within_standard else _("over standard")


@dataclass(frozen=True)
class ReportRow:
    action: str
    title: str
    category: str
    unit: str
    happened_at: datetime.datetime
    requester_name: str = ""
    requester_position: str = ""
    requested_at: datetime.datetime | None = None
    approvals: tuple[Approval, ...] = ()
    urgent: bool = False
    written_approval_open: bool = False
    steps: tuple[StepResult, ...] = ()
    note: str = ""
    request_pk: int | None = None

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def approvers_text(self) -> str:
        return "; ".join(
            f"{a.name} ({a.position or '-'}) {format_datetime(a.at)}"
            + (f" [{_('verbal')}]" if a.verbal else "")
            for a in self.approvals
        )

    @property
    def steps_text(self) -> str:
        return "; ".join(f"{s.label}: {s.took} / {s.standard} ({s.verdict})" for s in self.steps)


@dataclass
class Totals:
    published: int = 0
    updated: int = 0
    taken_down: int = 0

    @property
    def total(self) -> int:
        return self.published + self.updated + self.taken_down

    def add(self, action: str) -> None:
        setattr(self, action, getattr(self, action) + 1)


@dataclass(frozen=True)
class OwedApproval:
    """An approval step an urgent item still owes in writing, whenever it was published."""

    title: str
    unit: str
    step: str
    approver_name: str
    verbal_approved_at: datetime.datetime | None
    published_at: datetime.datetime | None
    request_pk: int


@dataclass
class MonthlyReportData:
    agency: Agency
    year: int
    month: int
    rows: list[ReportRow]
    owed_approvals: list[OwedApproval]
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def month_label(self) -> str:
        return format_month(self.year, self.month)

    def _totals_by(self, attribute: str) -> list[tuple[str, Totals]]:
        totals: dict[str, Totals] = {}
        for row in self.rows:
            totals.setdefault(getattr(row, attribute), Totals()).add(row.action)
        return sorted(totals.items())

    @property
    def totals_by_category(self) -> list[tuple[str, Totals]]:
        return self._totals_by("category")

    @property
    def totals_by_unit(self) -> list[tuple[str, Totals]]:
        return self._totals_by("unit")

    @property
    def totals(self) -> Totals:
        counts = Counter(row.action for row in self.rows)
        return Totals(counts[Action.PUBLISHED], counts[Action.UPDATED], counts[Action.TAKEN_DOWN])


def _category_title(key: str, page, filed_in: dict[str, str] | None = None) -> str:
    """The checklist's Thai title of the category asked for, else where the item is filed
    (from ``filed_in``, the parents' titles by path, when the caller read them at once)."""
    entry = load_checklist().by_key.get(key) if key else None
    if entry is not None:
        return entry.title_th
    if page is None:
        return "-"
    if filed_in is not None:
        return filed_in.get(page.path[: -Page.steplen], "-")
    parent = page.get_parent()
    return parent.title if parent is not None else "-"


def _parents_titles(pages) -> dict[str, str]:
    """The titles of the pages' parents by path, in one query for all of them."""
    paths = {page.path[: -Page.steplen] for page in pages}
    return dict(Page.objects.filter(path__in=paths).values_list("path", "title"))


def _request_row(publication_request: PublicationRequest) -> ReportRow:
    return ReportRow(
        action=Action.UPDATED
        if publication_request.kind == RequestKind.UPDATE
        else Action.PUBLISHED,
        title=publication_request.page.title,
        category=_category_title(publication_request.category_key, publication_request.page),
        unit=publication_request.unit.name,
        happened_at=publication_request.published_at,
        requester_name=publication_request.requester_name,
        requester_position=publication_request.requester_position,
        requested_at=publication_request.created_at,
        approvals=tuple(
            Approval(d.actor_name, d.actor_position, d.decided_at, d.verbal)
            for d in standing_approvals(publication_request)
        ),
        urgent=publication_request.urgent,
        written_approval_open=publication_request.owes_written_approval,
        steps=tuple(
            StepResult(
                t.label,
                format_duration(t.took),
                format_standard(t.standard_minutes),
                t.within_standard,
            )
            for t in step_times(publication_request)
        ),
        note=(
            _("Came %(how)s; recorded by %(name)s")
            % {
                "how": publication_request.get_received_as_display(),
                "name": display_name(publication_request.recorded_by),
            }
            if publication_request.recorded_by_id
            else ""
        ),
        request_pk=publication_request.pk,
    )


def _taken_down_rows(agency: Agency, start, end) -> list[ReportRow]:
    """Items that came down in the month: at their publication end (``archived_at``), or
    unpublished by staff (Wagtail's log). One row an item, at its last take-down."""
    when: dict[int, tuple[datetime.datetime, str]] = {}
    unpublished = PageLogEntry.objects.filter(
        action="wagtail.unpublish", timestamp__gte=start, timestamp__lt=end
    ).select_related("user")
    for entry in unpublished.order_by("timestamp", "pk"):
        who = display_name(entry.user) if entry.user else ""
        note = _("Taken down by %(name)s") % {"name": who} if who else ""
        when[entry.page_id] = (entry.timestamp, note)
    archived = InformationItemPage.objects.filter(
        owner_unit__agency=agency, archived_at__gte=start, archived_at__lt=end
    )
    for page in archived:
        when[page.pk] = (page.archived_at, _("Publication period ended"))
    pages = InformationItemPage.objects.filter(
        pk__in=when, owner_unit__agency=agency
    ).select_related("owner_unit")
    rows = []
    filed_in = _parents_titles(pages)
    for page in pages:
        at, note = when[page.pk]
        last_request = page.publication_requests.order_by("-created_at", "-pk").first()
        key = last_request.category_key if last_request else ""
        rows.append(
            ReportRow(
                action=Action.TAKEN_DOWN,
                title=page.title,
                category=_category_title(key, page, filed_in),
                unit=page.owner_unit.name,
                happened_at=at,
                note=note,
            )
        )
    return rows


# A request's publication and its page's own publication time differ by the moment it takes
# to publish; a page published this close to one of its requests went up through it.
SAME_PUBLICATION = datetime.timedelta(minutes=10)


def _rows_without_request(agency: Agency, start, end) -> list[ReportRow]:
    """Items that went up or changed on the site in the month without a request (imports,
    the demo's data, anything put live another way): listed as such, never left out."""
    in_month = Q(first_published_at__gte=start, first_published_at__lt=end) | Q(
        last_published_at__gte=start, last_published_at__lt=end
    )
    pages = (
        InformationItemPage.objects.filter(in_month, owner_unit__agency=agency)
        .select_related("owner_unit")
        .prefetch_related("publication_requests")
    )
    rows = []
    filed_in = _parents_titles(pages)
    for page in pages:
        first = page.first_published_at
        published = first is not None and start <= first < end
        at = first if published else page.last_published_at
        requests = page.publication_requests.all()
        if any(
            r.published_at is not None and abs(r.published_at - at) <= SAME_PUBLICATION
            for r in requests
        ):
            continue
        last_request = max(requests, key=lambda r: (r.created_at, r.pk), default=None)
        key = last_request.category_key if last_request else ""
        rows.append(
            ReportRow(
                action=Action.PUBLISHED if published else Action.UPDATED,
                title=page.title,
                category=_category_title(key, page, filed_in),
                unit=page.owner_unit.name,
                happened_at=at,
                note=_("Published without a publication request"),
            )
        )
    return rows


def build_monthly_report(agency: Agency, year: int, month: int) -> MonthlyReportData:
    """Every item of ``agency`` published, updated or taken down in the Bangkok month
    ``year``-``month`` (Christian era), oldest first, and the written approvals still owed."""
    start, end = month_period(year, month).instants()
    publication_requests = (
        PublicationRequest.objects.filter(
            unit__agency=agency, published_at__gte=start, published_at__lt=end
        )
        .select_related("page", "unit__agency", "recorded_by")
        .prefetch_related("written_approvals")
        .order_by("published_at", "pk")
    )
    rows = (
        [_request_row(r) for r in publication_requests]
        + _rows_without_request(agency, start, end)
        + _taken_down_rows(agency, start, end)
    )
    rows.sort(key=lambda row: (row.happened_at, row.title))
    owed = (
        WrittenApproval.objects.filter(
            request__unit__agency=agency, given_at__isnull=True, request__published_at__lt=end
        )
        .select_related("request__page", "request__unit__agency", "request__verbal_approver")
        .order_by("request__published_at", "request__pk", "pk")
    )
    return MonthlyReportData(
        agency=agency,
        year=year,
        month=month,
        rows=rows,
        owed_approvals=[
            OwedApproval(
                title=w.request.page.title,
                unit=w.request.unit.name,
                step=w.step_name,
                approver_name=display_name(w.request.verbal_approver),
                verbal_approved_at=w.request.verbal_approved_at,
                published_at=w.request.published_at,
                request_pk=w.request.pk,
            )
            for w in owed
        ],
    )


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def monthly_report_pdf(report: MonthlyReportData) -> bytes:
    return render_pdf("publishing/pdf/monthly_report.html", {"report": report})


def _autosize(sheet) -> None:
    for column in sheet.columns:
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest + 2, 10), 60)


def monthly_report_xlsx(report: MonthlyReportData) -> bytes:
    """The same record as a spreadsheet: dates as Buddhist-era text, as on the PDF, so the
    two read alike; one sheet of items, one of totals, one of written approvals owed.
    Titles and names are typed by staff: append_row keeps them text, never formulas."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    items = book.active
    items.title = _("Items")
    append_row(items, [_("Monthly publishing report"), report.agency.name, report.month_label])
    append_row(
        items,
        [
            _("No."),
            _("Action"),
            _("Title"),
            _("Category"),
            _("Owner unit"),
            _("Requester"),
            _("Requester's position"),
            _("Approved by"),
            _("Requested on"),
            _("Published / taken down on"),
            _("Urgent"),
            _("Written approval still owed"),
            _("Time of each step against the standard"),
            _("Remarks"),
        ],
    )
    for number, row in enumerate(report.rows, 1):
        append_row(
            items,
            [
                number,
                row.action_label,
                row.title,
                row.category,
                row.unit,
                row.requester_name,
                row.requester_position,
                row.approvers_text,
                format_date(row.requested_at),
                format_date(row.happened_at),
                yes_no(row.urgent),
                yes_no(row.written_approval_open),
                row.steps_text,
                row.note,
            ],
        )
    totals = book.create_sheet(_("Totals"))
    header = [_("Newly published"), _("Updated"), _("Taken down"), _("Total")]
    for heading, groups in (
        (_("Category"), report.totals_by_category),
        (_("Owner unit"), report.totals_by_unit),
    ):
        append_row(totals, [heading, *header])
        for name, counts in groups:
            append_row(
                totals, [name, counts.published, counts.updated, counts.taken_down, counts.total]
            )
        append_row(totals, [])
    grand = report.totals
    append_row(
        totals, [_("All items"), grand.published, grand.updated, grand.taken_down, grand.total]
    )
    owed = book.create_sheet(_("Written approvals owed"))
    append_row(owed, [_("Title"), _("Owner unit"), _("Approval owed"), _("Approved verbally by"),
                 _("Verbal approval"), _("Published on")])  # fmt: skip
    for item in report.owed_approvals:
        append_row(
            owed,
            [
                item.title,
                item.unit,
                item.step,
                item.approver_name,
                format_datetime(item.verbal_approved_at),
                format_date(item.published_at),
            ],
        )
    for sheet in book.worksheets:
        for cell in sheet[2 if sheet is items else 1]:
            cell.font = Font(bold=True)
        _autosize(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_filename(agency: Agency, year: int, month: int, extension: str) -> str:
    return f"monthly-report-{agency.pk}-{year}-{month:02d}.{extension}"


def generate_monthly_report(agency: Agency, year: int, month: int, user=None) -> MonthlyReport:
    """Build, render and archive one month's report, replacing an earlier one of that month.

    The rendering happens before the transaction, so the database is locked only to swap the
    files; the old files are deleted once the new ones are committed, never before.
    """
    data = build_monthly_report(agency, year, month)
    pdf = monthly_report_pdf(data)
    xlsx = monthly_report_xlsx(data)
    with transaction.atomic():
        report, _created = MonthlyReport.objects.select_for_update().get_or_create(
            agency=agency,
            year=year,
            month=month,
            defaults={"generated_at": data.generated_at},
        )
        old_files = [f.name for f in (report.pdf, report.xlsx) if f]
        report.generated_at = data.generated_at
        report.generated_by = user
        report.pdf.save(report_filename(agency, year, month, "pdf"), ContentFile(pdf), save=False)
        report.xlsx.save(
            report_filename(agency, year, month, "xlsx"), ContentFile(xlsx), save=False
        )
        report.save()
        storage = report.pdf.storage
        kept = {report.pdf.name, report.xlsx.name}
        transaction.on_commit(
            lambda: [storage.delete(name) for name in old_files if name not in kept]
        )
    return report
