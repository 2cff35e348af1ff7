"""Looking for personal data before anything goes public.

Hospitals publish scanned documents, and personal data (health data is sensitive data under
the PDPA) leaks that way. The body of an item and the text of each attachment (PDF, Word,
Excel) are searched for Thai national ID numbers (with a valid check digit), phone numbers
and e-mail addresses; a PDF without a text layer (a scan: unreadable by screen readers and
by this search) is flagged too. Findings warn: the approver sees them, and a webmaster must
confirm before publishing anyway.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prakat.content.document_text import READERS, pdf_texts

KINDS = {
    "national_id": gettext_lazy("Thai national ID number"),
    "phone": gettext_lazy("phone number"),
    "email": gettext_lazy("e-mail address"),
    "no_text": gettext_lazy("PDF without a text layer (a scan)"),
}

# 13 digits, alone or grouped 1-2345-67890-12-3 with dashes or spaces.
NATIONAL_ID = re.compile(r"(?<!\d)(\d)[- ]?(\d{4})[- ]?(\d{5})[- ]?(\d{2})[- ]?(\d)(?!\d)")
# Thai numbers: 0 then 8 or 9 more digits (mobile 0[689]…, landline 0[2-7]…), or +66.
PHONE = re.compile(r"(?<![\d+])(?:\+66[- ]?|0)(?:\d[- ]?){7}\d(?:[- ]?\d)?(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Finding:
    kind: str
    value: str  # masked: enough to recognise, not enough to leak again
    where: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def valid_national_id(digits: str) -> bool:
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _mask(value: str, keep: int = 3) -> str:
    shown = [ch if not ch.isalnum() else "x" for ch in value]
    kept = 0
    for i in range(len(value) - 1, -1, -1):
        if value[i].isalnum() and kept < keep:
            shown[i] = value[i]
            kept += 1
    return "".join(shown)


def find_in_text(text: str, where: str, ignore: Iterable[str] = ()) -> list[Finding]:
    """Personal data in one piece of text; ``ignore`` holds the agency's own contacts."""
    ignored = {re.sub(r"\D", "", i) for i in ignore if i} | {i.lower() for i in ignore if i}
    findings = []
    id_spans = []
    for match in NATIONAL_ID.finditer(text):
        digits = "".join(match.groups())
        if valid_national_id(digits):
            findings.append(Finding("national_id", _mask(match.group(0)), where))
            id_spans.append(match.span())
    for match in PHONE.finditer(text):
        if any(start <= match.start() < end for start, end in id_spans):
            continue
        digits = re.sub(r"\D", "", match.group(0))
        if digits in ignored or digits.replace("66", "0", 1) in ignored:
            continue
        findings.append(Finding("phone", _mask(match.group(0), 4), where))
    for match in EMAIL.finditer(text):
        if match.group(0).lower() in ignored:
            continue
        user, _at, domain = match.group(0).partition("@")
        findings.append(Finding("email", f"{user[:2]}…@{domain}", where))
    return findings


def scan_document(document, ignore: Iterable[str] = ()) -> list[Finding]:
    """Personal data in one attachment; a PDF with no text at all is reported as a scan.

    Reading a 4 MB PDF takes a while, and each request page shows the findings: they are
    kept in the cache under the document and its content hash, so a file is read once.
    """
    ignore = tuple(sorted(i for i in ignore if i))
    digest = hashlib.sha1(repr(ignore).encode(), usedforsecurity=False).hexdigest()[:12]
    language = translation.get_language() or ""
    key = f"prakat:personal-data:{document.pk}:{document.get_file_hash()}:{language}:{digest}"
    return cache.get_or_set(key, lambda: _scan_document(document, ignore), timeout=None)


def _scan_document(document, ignore: tuple[str, ...]) -> list[Finding]:
    reader = READERS.get(document.file_extension.lower())
    if reader is None:
        return []
    with document.open_file() as f:
        data = f.read()
    name = document.filename
    findings: list[Finding] = []
    any_text = False
    try:
        for text, where in reader(data, name):
            any_text = any_text or bool(text.strip())
            findings += find_in_text(text, where, ignore)
    except Exception:
        return [*findings, Finding("no_text", name, _("%(file)s (unreadable)") % {"file": name})]
    if reader is pdf_texts and not any_text:
        findings.append(Finding("no_text", name, name))
    return findings


def scan_item(page, agency=None) -> list[Finding]:
    """Everything found in an item's body and attachments (the revision under review)."""
    ignore = [agency.phone, agency.fax, agency.email] if agency is not None else []
    findings = find_in_text(strip_tags(page.body or ""), _("details"), ignore)
    # What the pictures say of themselves is published too: their descriptions and credits.
    captions = [page.cover_credit or ""] + [
        f"{block.value.get('alt', '')} {block.value.get('credit', '')}"
        for block in getattr(page, "album", None) or []
    ]
    findings += find_in_text("\n".join(captions), _("pictures' descriptions and credits"), ignore)
    for attachment in page.attachments.all():
        findings += scan_document(attachment.document, ignore)
    return findings
