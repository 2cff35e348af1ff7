"""Reading text back out of the PDFs Prakat makes, for tests.

The PDF's text layer maps each glyph to one character. Thai shaping splits sara am (ำ) into
nikhahit and sara aa glyphs and moves tone marks, so the layer can give ``า`` for ``ำ`` or
drop a mark. Tests compare the consonant-and-vowel skeleton of the text, which those
changes leave alone, without whitespace (a wrapped line breaks between words).
"""

import io
import unicodedata

from pypdf import PdfReader


def skeleton(text: str) -> str:
    text = text.replace("\u0e33", "\u0e32")  # ำ → า
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Mn")


def pdf_skeleton(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return skeleton("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
