"""Reading text back out of the PDFs Prakat makes, for tests.

What a person gets by copying or searching the PDF: its text layer, read by pypdf and by
pdftotext, compared character for character with what was typed, every vowel and mark
included (``content.pdf_fonts`` makes the layer exact). Only whitespace is left out of the
comparison: a line wraps between two Thai words, where the typed text has no space.
"""

import io
import subprocess

from pypdf import PdfReader


def skeleton(text: str) -> str:
    """``text`` without its whitespace, every other character kept."""
    return "".join(ch for ch in text if not ch.isspace())


def pdftotext(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext reads it."""
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def pdf_skeleton(pdf: bytes) -> str:
    """The PDF's text as pypdf reads it, without whitespace; pdftotext must read the same."""
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    read = skeleton("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert skeleton(pdftotext(pdf)) == read, "pdftotext and pypdf read different text"
    return read
