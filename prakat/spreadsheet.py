"""Every CSV and XLSX file the site writes goes through here, so that none of them carries a
formula a spreadsheet program would run.

Text in an export often comes from outside (a user name tried at sign-in, a browser's user
agent, a survey comment, an item's title). A spreadsheet program evaluates a CSV cell that
starts with ``=``, ``+``, ``-`` or ``@`` (and some also after a leading tab or carriage
return), so such text is written with a leading single quote, which spreadsheets read as
"this is text". In an XLSX file the type of each cell is explicit: such text is written as a
string cell, never as a formula, and keeps its exact wording. Numbers and dates are not text
and are left as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Without the byte-order mark spreadsheet programs read a CSV file in the machine's own
# code page, and Thai comes out garbled.
BOM = "\ufeff"

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_cell(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: text that would start a formula is quoted."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


class _Line:
    """A file-like object whose ``write`` hands the line back, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The CSV file, line by line, byte-order mark first: for a streaming response."""
    writer = csv.writer(_Line())
    yield BOM
    for row in rows:
        yield writer.writerow(csv_row(row))


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """The whole CSV file, UTF-8 with its byte-order mark."""
    return "".join(csv_lines(rows)).encode("utf-8")


def set_cell(cell, value: Any):
    """Put ``value`` in an openpyxl cell; text stays text, whatever it starts with."""
    cell.value = value
    if isinstance(value, str) and cell.data_type in ("f", "e"):
        # openpyxl reads "=…" as a formula and "#N/A"-like text as an error value.
        cell.data_type = "s"
    return cell


def append_row(sheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)``, with every text cell kept as text."""
    from openpyxl.cell import Cell

    sheet.append([set_cell(Cell(sheet), value) for value in values])


def install() -> None:
    """Guard every export made with Wagtail's SpreadsheetExportMixin: the audit log, and
    Wagtail's own reports and listings (aging and locked pages, site history, workflows,
    redirects, form submissions), which put page titles and user names in their files.

    Wagtail already writes XLSX text as string cells (it turns formulas back into text); its
    CSV writes text as it is and has no byte-order mark. Patched here, once, so that no
    report can be added later without the guard.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_prakat_guarded", False):
        return
    wagtail_stream_csv = SpreadsheetExportMixin.stream_csv
    wagtail_write_csv_response = SpreadsheetExportMixin.write_csv_response
    wagtail_generate_xlsx_row = SpreadsheetExportMixin.generate_xlsx_row

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: csv_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        yield BOM.encode("utf-8")
        yield from wagtail_stream_csv(self, queryset)

    def write_csv_response(self, queryset):
        response = wagtail_write_csv_response(self, queryset)
        response["Content-Type"] = CSV_CONTENT_TYPE
        return response

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in wagtail_generate_xlsx_row(self, worksheet, row_dict, date_format):
            if isinstance(cell.value, str) and cell.data_type in ("f", "e"):
                cell.data_type = "s"
            yield cell

    wagtail_as_spreadsheet = SpreadsheetExportMixin.as_spreadsheet

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Wagtail's reports (the audit log among them) leave a trace like every export.
        record_export(
            self.request,
            _("%(title)s (%(format)s), filters: %(filters)s")
            % {
                "title": self.get_page_title() if hasattr(self, "get_page_title") else "",
                "format": spreadsheet_format,
                "filters": self.request.GET.urlencode() or "-",
            },
        )
        return wagtail_as_spreadsheet(self, queryset, spreadsheet_format)

    SpreadsheetExportMixin.as_spreadsheet = as_spreadsheet
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_csv_response = write_csv_response
    SpreadsheetExportMixin.generate_xlsx_row = generate_xlsx_row
    SpreadsheetExportMixin._prakat_guarded = True


# --- handing an export to the person who asked for it -----------------------------------

EXPORT_ACTION = "prakat.export"
PDF_CONTENT_TYPE = "application/pdf"


def download(
    request: HttpRequest,
    body: bytes | Iterable[str],
    *,
    filename: str,
    content_type: str,
    what: str,
    **data: Any,
) -> HttpResponse:
    """The one way an export leaves the site: as a download under ``filename``, written
    down in the audit log as ``what`` (a sentence staff read) against the person.

    ``body`` is the file's bytes, or lines to stream (a long CSV). Every export, whatever
    its format, comes through here, so none leaves without a trace — survey answers with
    the public's comments, visitor statistics, the ITA evidence, the monthly reports.
    """
    if isinstance(body, bytes):
        response: HttpResponse = HttpResponse(body, content_type=content_type)
    else:
        response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    record_export(request, what, **data)
    return response


def record_export(request: HttpRequest, what: str, **data: Any) -> None:
    """Write ``what`` was exported, by whom, into the audit log (the audit app labels it
    and stamps the client's address); ``data`` adds what the export covered."""
    from django.contrib.auth import get_user_model
    from wagtail.log_actions import log

    # The request's user may be a lazy wrapper (two-step sign-in), which Wagtail's log
    # cannot place: log against the account itself.
    account = get_user_model()._default_manager.get(pk=request.user.pk)
    log(
        instance=account,
        action=EXPORT_ACTION,
        user=account,
        title=str(what),
        data={"what": str(what), **data},
    )
