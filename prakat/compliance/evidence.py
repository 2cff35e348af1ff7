"""The ITA evidence list: each indicator with the items and addresses that answer it.

The same rows go to the screen, the spreadsheet and the PDF, so what an auditor downloads
is what the webmaster checked.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from urllib.parse import unquote

from django.utils.translation import gettext as _

from prakat.agency.models import Agency
from prakat.compliance.currency import EntryStatus, Status, checklist_status
from prakat.compliance.indicators import Indicator, IndicatorSet
from prakat.content.pdf import render_pdf
from prakat.spreadsheet import append_row
from prakat.thai.calendar import fiscal_year_period
from prakat.thai.dates import format_date, format_date_short


def _shown_by_the_site(result: EntryStatus) -> bool:
    return result.shown_by_site and bool(result.public_url)


@dataclass
class IndicatorEvidence:
    indicator: Indicator
    framework: str  # "MOIT" or "OIT"
    entries: list[EntryStatus]

    @property
    def sub_items(self) -> list[tuple[Indicator, Status]]:
        """Each numbered sub-item with the worst status of its entries ("2.1.7 ขาด")."""
        by_key = {result.key: result for result in self.entries}
        return [
            (
                sub,
                max(
                    (by_key[k].status for k in sub.entries),
                    key=lambda s: s.severity,
                    default=Status.MISSING,
                ),
            )
            for sub in self.indicator.sub_items
        ]

    @property
    def answered(self) -> list[EntryStatus]:
        """Entries with items, or shown by the site itself (the contact page, the forms)."""
        return [e for e in self.entries if e.items or _shown_by_the_site(e)]

    @property
    def missing(self) -> list[EntryStatus]:
        """Entries with nothing on the site to show an assessor."""
        return [e for e in self.entries if not e.items and not _shown_by_the_site(e)]

    @property
    def not_current(self) -> list[EntryStatus]:
        return [e for e in self.entries if e.status is not Status.CURRENT]


@dataclass(frozen=True)
class EvidenceRow:
    code: str
    indicator_title: str
    item_title: str
    url: str
    last_updated: datetime.datetime | None

    @property
    def last_updated_label(self) -> str:
        return format_date_short(self.last_updated)

    @property
    def url_label(self) -> str:
        """The address as people read it: Thai slugs shown as Thai, not percent-escapes."""
        return unquote(self.url)

    def cells(self) -> tuple[str, str, str, str, str]:
        return (
            self.code,
            self.indicator_title,
            self.item_title,
            self.url_label,
            self.last_updated_label,
        )


def indicator_evidence(
    agency: Agency,
    indicator_set: IndicatorSet,
    today: datetime.date,
    fiscal_year: int | None = None,
) -> list[IndicatorEvidence]:
    """MOIT indicators, then the OIT items mapped for the year, each with its entries.

    ``fiscal_year`` is the year judged (by default the indicator set's own; the year under
    way while its file is not out, judged by the latest year's indicators). A year that has
    ended is read as it stood on its last day: the items published by then, judged on that
    day, not today's."""
    year = fiscal_year if fiscal_year is not None else indicator_set.fiscal_year
    as_of = min(today, fiscal_year_period(year).end)
    statuses = {result.key: result for result in checklist_status(agency, as_of)}
    evidence = [
        IndicatorEvidence(i, "MOIT", [statuses[key] for key in i.entries])
        for i in indicator_set.indicators
    ]
    evidence += [
        IndicatorEvidence(i, "OIT", [statuses[key] for key in i.entries])
        for i in indicator_set.oit_items
    ]
    return evidence


def evidence_rows(evidence: list[IndicatorEvidence]) -> list[EvidenceRow]:
    """One row per live item answering an indicator, newest first within each entry, and one
    for each entry the site shows by itself, with the page it shows it on."""
    rows = []
    for answer in evidence:
        for result in answer.entries:
            if not result.items and _shown_by_the_site(result):
                # The page where the site shows it (the contact page, the complaint form).
                rows.append(
                    EvidenceRow(
                        code=answer.indicator.code,
                        indicator_title=answer.indicator.title_th,
                        item_title=_("%(entry)s (shown by the site itself)")
                        % {"entry": result.entry.title_th},
                        url=result.public_url,
                        last_updated=None,
                    )
                )
            for item in result.items:
                rows.append(
                    EvidenceRow(
                        code=answer.indicator.code,
                        indicator_title=answer.indicator.title_th,
                        item_title=item.title,
                        url=item.get_full_url() or "",
                        last_updated=item.last_published_at or item.first_published_at,
                    )
                )
    return rows


def headers() -> list[str]:
    return [_("Indicator"), _("Indicator title"), _("Item"), _("Address (URL)"), _("Last updated")]


def evidence_xlsx(rows: list[EvidenceRow], fiscal_year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Fiscal year %(year)s") % {"year": fiscal_year}
    append_row(sheet, headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        # Titles are typed by staff: append_row keeps "=…" a title, never a formula.
        append_row(sheet, row.cells())
        if row.url:
            sheet.cell(row=sheet.max_row, column=4).hyperlink = row.url
    for column, width in zip("ABCDE", (10, 60, 50, 60, 16), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def evidence_pdf(
    rows: list[EvidenceRow], agency: Agency, fiscal_year: int, today: datetime.date
) -> bytes:
    # Grouped by indicator so a long indicator title is printed once, not on every row.
    groups: list[dict] = []
    for row in rows:
        if not groups or groups[-1]["code"] != row.code:
            groups.append({"code": row.code, "title": row.indicator_title, "rows": []})
        groups[-1]["rows"].append(row)
    return render_pdf(
        "compliance/pdf/ita_evidence.html",
        {
            "agency": agency,
            "fiscal_year": fiscal_year,
            "groups": groups,
            "headers": headers(),
            "printed_on": format_date(today),
        },
    )
