"""แบบ สขร.1 from its data: who may see a summary, the form that checks it, its PDF and XLSX
in the official layout, and the request that publishes it as the month's item."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.admin.forms import WagtailAdminModelForm

from prakat.agency.access import oversees_publishing, unit_ids_of
from prakat.content.models import CategoryPage
from prakat.content.pdf import render_pdf
from prakat.publishing.models import PublicationRequest
from prakat.publishing.models.procurement_summary import (
    ProcurementRow,
    ProcurementSummary,
)
from prakat.publishing.submission import RequestDetails, submit
from prakat.spreadsheet import append_row
from prakat.thai.dates import format_date, format_month

CHECKLIST_KEY = "procurement-monthly-summary"
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_summaries(user) -> QuerySet[ProcurementSummary]:
    """The summaries ``user`` may open: their own units', or every one for those who oversee
    publishing (webmasters, the director, auditors, administrators)."""
    summaries = ProcurementSummary.objects.select_related("unit", "agency")
    if not getattr(user, "is_authenticated", False):
        return summaries.none()
    if oversees_publishing(user):
        return summaries
    return summaries.filter(unit_id__in=unit_ids_of(user))


def money(value: Decimal | None) -> str:
    """``1,234,500.00``, as the form writes amounts in baht."""
    return "" if value is None else f"{value:,.2f}"


@dataclass
class PrintedRow:
    """A row as the form prints it."""

    row: ProcurementRow

    def __getattr__(self, name: str):
        return getattr(self.row, name)

    @property
    def budget_text(self) -> str:
        return money(self.row.budget)

    @property
    def median_price_text(self) -> str:
        return money(self.row.median_price)

    @property
    def winner_price_text(self) -> str:
        return money(self.row.winner_price)

    @property
    def method_label(self) -> str:
        return self.row.get_method_display()

    @property
    def bidder_lines(self) -> list[str]:
        return [line.strip() for line in self.row.bidders.splitlines() if line.strip()]


def _printed(summary: ProcurementSummary) -> dict:
    return {
        "agency_name": summary.agency.name,
        "month_label": format_month(summary.month.year, summary.month.month),
        "rows": [PrintedRow(row) for row in summary.rows.all()],
    }


def summary_pdf(summary: ProcurementSummary) -> bytes:
    return render_pdf("publishing/pdf/procurement_summary.html", _printed(summary))


def summary_xlsx(summary: ProcurementSummary) -> bytes:
    """The same form as a spreadsheet; amounts as numbers, dates as Buddhist-era text, as on
    the PDF. Everything typed is kept text by append_row, never a formula."""
    # openpyxl loads slowly: only when a file is made.
    from openpyxl import Workbook

    printed = _printed(summary)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Form SKhR 1")
    append_row(sheet, [_("Form SKhR 1")])
    append_row(
        sheet,
        [_("Summary of procurement in the month of %(month)s") % {"month": printed["month_label"]}],
    )
    append_row(sheet, [printed["agency_name"]])
    append_row(
        sheet,
        [
            pgettext("form SKhR 1", "No."),
            _("Work procured"),
            _("Budget (baht)"),
            _("Median price (baht)"),
            _("Procurement method"),
            _("Bidders and their prices"),
            _("Selected bidder"),
            _("Agreed price (baht)"),
            _("Reason for the selection, in brief"),
            _("Contract or agreement number"),
            _("Contract or agreement date"),
        ],
    )
    for number, row in enumerate(printed["rows"], start=1):
        append_row(
            sheet,
            [
                number,
                row.work,
                row.budget,
                row.median_price,
                row.method_label,
                "\n".join(row.bidder_lines),
                row.winner,
                row.winner_price,
                row.reason,
                row.contract_number,
                format_date(row.contract_date),
            ],
        )
    if not printed["rows"]:
        append_row(sheet, [_("No procurement in this month.")])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class ProcurementSummaryForm(WagtailAdminModelForm):
    """The summary and its rows, checked together: a month with rows, or one marked as having
    none, never both and never neither; never a month that has not begun; one a month."""

    def clean(self):
        cleaned = super().clean()
        month = cleaned.get("month")
        if month is not None:
            month = month.replace(day=1)
            cleaned["month"] = month
            if month > timezone.localdate():
                self.add_error("month", _("This month has not begun yet."))
            taken = ProcurementSummary.objects.filter(
                agency_id=self.instance.agency_id, month=month
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "month",
                    _("There is already a procurement summary for %(month)s: open that one.")
                    % {"month": format_month(month.year, month.month)},
                )
        rows = self.formsets.get("rows")
        if rows is not None and rows.is_valid():
            kept = [f for f in rows.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            if cleaned.get("no_procurement") and kept:
                raise ValidationError(
                    _("The month is marked as having no procurement but has procurements: "
                      "remove them or untick “no procurement this month”.")
                )  # fmt: skip
            if not cleaned.get("no_procurement") and not kept:
                raise ValidationError(
                    _("Add at least one procurement, or tick “no procurement this month”.")
                )
        return cleaned


@transaction.atomic
def ask_to_publish(summary: ProcurementSummary, user) -> PublicationRequest:
    """Ask to publish the month's summary (PDF and XLSX attached, the month as its data
    period) in the checklist's monthly procurement summary, through the agency's steps."""
    summary = ProcurementSummary.objects.select_for_update().get(pk=summary.pk)
    if summary.publication_request_id is not None:
        raise ValidationError(_("This summary has already been sent for publication."))
    category = CategoryPage.objects.filter(checklist_key=CHECKLIST_KEY).first()
    if category is None:
        raise ValidationError(_("The site has no category for the monthly procurement summary."))
    month = format_month(summary.month.year, summary.month.month)
    start, end = summary.period.start, summary.period.end
    name = f"skhr1-{summary.month:%Y-%m}"
    details = RequestDetails(
        title=_("Summary of procurement in the month of %(month)s (form SKhR 1)")
        % {"month": month},
        summary=_("No procurement in this month.")
        if summary.no_procurement
        else _("%(count)d procurements in the month.") % {"count": summary.rows.count()},
        data_period_start=start,
        data_period_end=end,
        files=[
            SimpleUploadedFile(f"{name}.pdf", summary_pdf(summary), content_type=PDF_TYPE),
            SimpleUploadedFile(f"{name}.xlsx", summary_xlsx(summary), content_type=XLSX_TYPE),
        ],
    )
    publication_request = submit(user, category, details)
    summary.publication_request = publication_request
    summary.save(update_fields=["publication_request"])
    return publication_request
