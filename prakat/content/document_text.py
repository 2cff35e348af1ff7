"""The text inside the files the site holds (PDF, Word, Excel), each piece with where it is:
what the personal-data check searches before anything goes public, and what the downloads
centre's search reads inside its files."""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

# The readers import their libraries when first asked: each is large, and most processes
# read no file at all.


def pdf_texts(data: bytes, name: str) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        yield (
            page.extract_text() or "",
            _("%(file)s, page %(page)d")
            % {
                "file": name,
                "page": number,
            },
        )


def docx_texts(data: bytes, name: str) -> Iterator[tuple[str, str]]:
    from docx import Document

    document = Document(io.BytesIO(data))
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield paragraph.text, _("%(file)s, paragraph %(n)d") % {"file": name, "n": number}
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            text = " | ".join(cell.text for cell in row.cells)
            yield text, _("%(file)s, table %(t)d row %(r)d") % {"file": name, "t": t, "r": r}


def xlsx_texts(data: bytes, name: str) -> Iterator[tuple[str, str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield (
                        str(cell.value),
                        _("%(file)s, sheet %(sheet)s cell %(cell)s")
                        % {
                            "file": name,
                            "sheet": sheet.title,
                            "cell": cell.coordinate,
                        },
                    )


READERS = {"pdf": pdf_texts, "docx": docx_texts, "xlsx": xlsx_texts}
# What the downloads centre keeps of a file's text for its search, at most.
KEPT_TEXT = 200_000


def plain_text(data: bytes, extension: str, name: str = "") -> str:
    """The file's text as one string (empty for a type no reader knows, or a scan), at most
    ``KEPT_TEXT`` characters."""
    reader = READERS.get(extension.lower())
    if reader is None:
        return ""
    text = " ".join(piece for piece, _where in reader(data, name) if piece)
    return text[:KEPT_TEXT]
