"""The upload policy: which files may enter the site, and how big.

The seeds allow ``.pdf .xls .xlsx .doc .docx .jpg .png .zip .rar`` at most 4 MB a file; each
agency may change both (``Agency.allowed_extensions``, ``Agency.max_upload_size_mb``).

A file's type is judged by its content, not its name: a renamed executable or a ``.pdf`` that
is not a PDF is refused. Archives and Office files are opened and refused for what they hold
(macros, programs, archive bombs; see :mod:`prakat.content.upload_inspection`). Every place a
file enters (Wagtail's document and image forms, single and multiple upload, the choosers, the
request form, e-service attachments, the profile picture) runs :meth:`UploadPolicy.check`
before anything is stored.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from prakat.agency.models import (
    DEFAULT_ALLOWED_EXTENSIONS,
    DEFAULT_MAX_UPLOAD_SIZE_MB,
    Agency,
    parse_extensions,
)
from prakat.content.filesize import human_size
from prakat.content.upload_inspection import (
    OLE2_MAGIC,
    inspect_archive,
    inspect_ole2,
    ole2_holds_stream,
)

HEAD_BYTES = 8192


def _filetype_is(*mimes: str) -> Callable[[bytes, File], bool]:
    def check(head: bytes, _file: File) -> bool:
        kind = filetype.guess(head)
        return kind is not None and kind.mime in mimes

    return check


def _ole2_holding(*streams: str) -> Callable[[bytes, File], bool]:
    # Word and Excel 97–2003 files, installers and much else are OLE2 compound files: what
    # makes one a Word document is its "WordDocument" stream, an Excel workbook its "Workbook"
    # (or, from Excel 5–95, "Book").
    def check(head: bytes, file: File) -> bool:
        return head.startswith(OLE2_MAGIC) and ole2_holds_stream(file, *streams)

    return check


def _zip_holding(member: str | None) -> Callable[[bytes, File], bool]:
    # filetype looks at the first 8 KB only, and an Office file's identifying entry may lie
    # further in; the zip's own directory says for certain.
    def check(head: bytes, file: File) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                return member is None or member in archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)

    return check


# extension → (what its content must be, the name shown in a refusal)
CONTENT_CHECKS: dict[str, tuple[Callable[[bytes, File], bool], str]] = {
    "pdf": (_filetype_is("application/pdf"), "PDF"),
    "jpg": (_filetype_is("image/jpeg"), "JPEG"),
    "jpeg": (_filetype_is("image/jpeg"), "JPEG"),
    "png": (_filetype_is("image/png"), "PNG"),
    "rar": (_filetype_is("application/x-rar-compressed", "application/vnd.rar"), "RAR"),
    "doc": (_ole2_holding("WordDocument"), "Microsoft Word 97–2003"),
    "xls": (_ole2_holding("Workbook", "Book"), "Microsoft Excel 97–2003"),
    "docx": (_zip_holding("word/document.xml"), "Microsoft Word"),
    "xlsx": (_zip_holding("xl/workbook.xml"), "Microsoft Excel"),
    "zip": (_zip_holding(None), "ZIP"),
}

# extension → what is refused for what it holds, once its type is known
INSIDE_CHECKS: dict[str, Callable[[File, str], None]] = {
    "doc": inspect_ole2,
    "xls": inspect_ole2,
    "docx": inspect_archive,
    "xlsx": inspect_archive,
    "zip": inspect_archive,
}

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png")


def extension_of(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


@dataclass(frozen=True)
class UploadPolicy:
    extensions: tuple[str, ...]
    max_bytes: int

    @classmethod
    def default(cls) -> UploadPolicy:
        return cls(
            extensions=tuple(parse_extensions(DEFAULT_ALLOWED_EXTENSIONS)),
            max_bytes=DEFAULT_MAX_UPLOAD_SIZE_MB * 1024 * 1024,
        )

    @classmethod
    def for_agency(cls, agency: Agency | None) -> UploadPolicy:
        if agency is None:
            return cls.default()
        return cls(extensions=tuple(agency.extensions), max_bytes=agency.max_upload_bytes)

    @classmethod
    def current(cls) -> UploadPolicy:
        return cls.for_agency(Agency.current())

    def accepted_extensions(self, *, images_only: bool = False) -> tuple[str, ...]:
        # .jpeg is the same type as .jpg: phones name their photos either way.
        exts = list(self.extensions)
        if "jpg" in exts and "jpeg" not in exts:
            exts.insert(exts.index("jpg") + 1, "jpeg")
        if images_only:
            exts = [e for e in exts if e in IMAGE_EXTENSIONS]
        return tuple(e for e in exts if e in CONTENT_CHECKS)

    def describe(self, *, images_only: bool = False) -> str:
        """The rule in one Thai sentence, for help texts."""
        shown = [f".{e}" for e in self.accepted_extensions(images_only=images_only) if e != "jpeg"]
        return _("Allowed file types: %(types)s; at most %(limit)s a file.") % {
            "types": " ".join(shown),
            "limit": human_size(self.max_bytes),
        }

    def check(self, file: File, *, images_only: bool = False) -> None:
        """Refuse ``file`` with a Thai message naming the broken rule, or return quietly."""
        name = os.path.basename(file.name or "")
        ext = extension_of(name)
        accepted = self.accepted_extensions(images_only=images_only)
        shown = " ".join(f".{e}" for e in accepted if e != "jpeg")
        if ext not in accepted:
            raise ValidationError(
                _(
                    "The file “%(name)s” was not accepted: files of type .%(ext)s are not "
                    "allowed. Allowed file types: %(allowed)s."
                )
                % {"name": name, "ext": ext or "?", "allowed": shown},
                code="file_type_not_allowed",
            )
        size = file.size
        if size is not None and size > self.max_bytes:
            raise ValidationError(
                _(
                    "The file “%(name)s” was not accepted: it is %(size)s, larger than the "
                    "limit of %(limit)s a file."
                )
                % {"name": name, "size": human_size(size), "limit": human_size(self.max_bytes)},
                code="file_too_large",
            )
        if not size:
            raise ValidationError(
                _("The file “%(name)s” was not accepted: it is empty.") % {"name": name},
                code="file_empty",
            )
        matches, type_name = CONTENT_CHECKS[ext]
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
        if not matches(head, file):
            raise ValidationError(
                _(
                    "The file “%(name)s” was not accepted: its name says .%(ext)s but its "
                    "content is not a %(type)s file. Files must really be of the type their "
                    "name shows."
                )
                % {"name": name, "ext": ext, "type": type_name},
                code="file_content_mismatch",
            )
        inspect = INSIDE_CHECKS.get(ext)
        if inspect is not None:
            inspect(file, name)
