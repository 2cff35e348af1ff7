"""What an upload holds: the inside of ZIP archives and Office files.

The upload policy judges a file's type by its content; the containers among the allowed types
are opened here and refused for what they may hide:

- macros: a macro project (an OLE2 ``VBA`` storage, Word 97–2003's ``Macros``, Excel
  97–2003's ``_VBA_PROJECT_CUR``, Office Open XML's ``vbaProject.bin``) or a macro-enabled
  content type, whatever the file is named and however deep it is packed;
- programs: a member named like a program or script, or whose bytes start like one (MZ for
  Windows, ELF for Linux, Mach-O for macOS);
- archive bombs: more than ``MAX_EXPANDED_BYTES`` once expanded (every level counted), a
  member compressed more than ``MAX_RATIO`` times over, archives nested more than
  ``MAX_DEPTH`` levels deep, more than ``MAX_MEMBERS`` files;
- what cannot be checked: password-protected members, compression other than Deflate, and
  sizes or checksums that do not match the stream.

Declared sizes are checked first, so a plain bomb is refused before anything is expanded; then
every member is expanded for real, never past the size it declares nor past what is left of
the budget, so sizes that lie cost nothing and are caught.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, NoReturn

import olefile
from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prakat.content.filesize import human_size

MB = 1024 * 1024
MAX_EXPANDED_BYTES = 100 * MB
# Documents compress 2–20 times over, text and spreadsheets rarely past 50; a bomb, thousands.
MAX_RATIO = 100
RATIO_APPLIES_FROM = 1 * MB
MAX_DEPTH = 3
MAX_MEMBERS = 10_000
MAX_CONTENT_TYPES_BYTES = 1 * MB

PROGRAM_EXTENSIONS = frozenset(
    {
        # Windows programs, libraries, installers and shortcuts
        *("exe", "dll", "sys", "drv", "ocx", "cpl", "scr", "com", "pif", "msi", "msp", "mst"),
        *("msc", "lnk", "reg", "inf", "chm", "xll", "appx", "msix", "application"),
        # scripts that Windows runs on a double click
        *("bat", "cmd", "js", "jse", "vbs", "vbe", "wsf", "wsh", "wsc", "sct", "hta"),
        *("ps1", "psm1", "psd1"),
        # Java, Unix, macOS and Android programs and packages
        *("jar", "sh", "bash", "csh", "ksh", "run", "elf", "app", "apk", "dmg", "pkg"),
        *("deb", "rpm"),
    }
)
MACRO_EXTENSIONS = frozenset(
    {"docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm", "ppam", "sldm"}
)
# Word 97–2003 keeps its macro project in "Macros", Excel in "_VBA_PROJECT_CUR"; both (and
# Office Open XML's vbaProject.bin) hold the project itself in a "VBA" storage.
VBA_STORAGES = frozenset({"macros", "_vba_project_cur", "vba"})
PROGRAM_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
)
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# A member's local header (APPNOTE 4.3.7): signature, version, flags, method, time, date,
# checksum, sizes, then the lengths of the name and extra field that precede the data.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_ENCRYPTED = 0x1
_CHUNK = 64 * 1024
_SPOOL_IN_MEMORY = 8 * MB


def _messages() -> dict[str, str]:
    return {
        "file_has_macros": _(
            "The file “%(name)s” was not accepted: it contains macros (“%(part)s”). Documents "
            "with macros are not accepted; save it as a document without macros (.docx or "
            ".xlsx) and upload that."
        ),
        "file_holds_program": _(
            "The file “%(name)s” was not accepted: it holds a program (“%(part)s”). Archives "
            "and documents may not hold programs or scripts."
        ),
        "archive_too_large": _(
            "The file “%(name)s” was not accepted: what it holds expands to more than "
            "%(limit)s. An archive may expand to at most %(limit)s."
        ),
        "archive_ratio": _(
            "The file “%(name)s” was not accepted: “%(part)s” inside it is compressed more "
            "than %(ratio)s times over. Files inside an archive may be compressed at most "
            "%(ratio)s times over; more is how archive bombs are made."
        ),
        "archive_too_deep": _(
            "The file “%(name)s” was not accepted: it holds archives inside archives more "
            "than %(depth)s levels deep. Archives may be nested at most %(depth)s levels deep."
        ),
        "archive_too_many_files": _(
            "The file “%(name)s” was not accepted: it holds more than %(count)s files. An "
            "archive may hold at most %(count)s files."
        ),
        "archive_encrypted": _(
            "The file “%(name)s” was not accepted: it is protected by a password, so what it "
            "holds cannot be checked. Upload it without a password."
        ),
        "archive_method": _(
            "The file “%(name)s” was not accepted: it is compressed by a method that cannot be "
            "checked. Compress it as an ordinary ZIP file (Deflate)."
        ),
        "archive_damaged": _(
            "The file “%(name)s” was not accepted: it is damaged, or the sizes it lists do not "
            "match what it holds."
        ),
    }


def _refuse(code: str, name: str, **params: object) -> NoReturn:
    raise ValidationError(_messages()[code] % {"name": name, **params}, code=code)


# --- OLE2 compound files (Word and Excel 97–2003) ---------------------------------------


def _open_ole2(file: IO[bytes]) -> olefile.OleFileIO | None:
    file.seek(0)
    try:
        # The strict level olefile recommends for security checks: a tree it cannot follow
        # in full could hide a storage from this check but not from Office.
        return olefile.OleFileIO(file, raise_defects=olefile.DEFECT_INCORRECT)
    except Exception:  # a malformed file fails in many ways inside the parser
        return None


def ole2_holds_stream(file: IO[bytes], *streams: str) -> bool:
    """Whether ``file`` is a sound OLE2 file with one of ``streams`` at its root."""
    ole = _open_ole2(file)
    if ole is None:
        return False
    try:
        return any(
            ole.exists(stream) and ole.get_type(stream) == olefile.STGTY_STREAM
            for stream in streams
        )
    finally:
        ole.close()
        file.seek(0)


def _macro_storage(file: IO[bytes]) -> str | None:
    """The path of the first macro storage in the OLE2 ``file``, ``""`` if it is unsound."""
    ole = _open_ole2(file)
    if ole is None:
        return ""
    try:
        for path in ole.listdir(streams=False, storages=True):
            if path[-1].lower() in VBA_STORAGES:
                return "/".join(path)
        return None
    except Exception:
        return ""
    finally:
        ole.close()
        file.seek(0)


def inspect_ole2(file: IO[bytes], name: str) -> None:
    """Refuse a Word or Excel 97–2003 file that carries macros."""
    storage = _macro_storage(file)
    if storage == "":
        _refuse("archive_damaged", name)
    if storage is not None:
        _refuse("file_has_macros", name, part=storage)


# --- ZIP archives (and Office Open XML files, which are ZIP archives) ------------------


def inspect_archive(file: IO[bytes], name: str) -> None:
    """Refuse a ZIP archive, .docx or .xlsx for what it holds (see the module's rules)."""
    try:
        _ArchiveInspection(name).archive(file, prefix="", depth=1)
    finally:
        file.seek(0)


class _ArchiveInspection:
    def __init__(self, name: str) -> None:
        self.name = name
        self.expanded = 0
        self.members = 0

    def refuse(self, code: str, **params: object) -> NoReturn:
        _refuse(code, self.name, **params)

    def archive(self, source: IO[bytes], *, prefix: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.refuse("archive_too_deep", depth=MAX_DEPTH)
        source.seek(0)
        try:
            with zipfile.ZipFile(source) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            self.refuse("archive_damaged")
        self.check_directory(members, prefix)
        for info in members:
            if info.filename == "[Content_Types].xml":
                self.check_content_types(source, info, prefix)
        for info in members:
            if not info.is_dir() and info.filename != "[Content_Types].xml":
                self.check_member(source, info, prefix, depth)

    def check_directory(self, members: list[zipfile.ZipInfo], prefix: str) -> None:
        """What the central directory says, before anything is expanded."""
        self.members += len(members)
        if self.members > MAX_MEMBERS:
            self.refuse("archive_too_many_files", count=f"{MAX_MEMBERS:,}")
        if self.expanded + sum(info.file_size for info in members) > MAX_EXPANDED_BYTES:
            self.refuse("archive_too_large", limit=human_size(MAX_EXPANDED_BYTES))
        for info in members:
            part = prefix + info.filename
            if info.flag_bits & _ENCRYPTED:
                self.refuse("archive_encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                self.refuse("archive_method")
            if (
                info.file_size > RATIO_APPLIES_FROM
                and info.file_size > MAX_RATIO * info.compress_size
            ):
                self.refuse("archive_ratio", part=part, ratio=MAX_RATIO)
            basename = os.path.basename(info.filename.rstrip("/")).lower()
            extension = os.path.splitext(basename)[1].lstrip(".")
            if extension in MACRO_EXTENSIONS or basename == "vbaproject.bin":
                self.refuse("file_has_macros", part=part)
            if extension in PROGRAM_EXTENSIONS:
                self.refuse("file_holds_program", part=part)

    def check_content_types(self, source: IO[bytes], info: zipfile.ZipInfo, prefix: str) -> None:
        """An Office file whose content types say "macro-enabled" is opened by Office as a
        .docm or .xlsm, whatever its name."""
        if info.file_size > MAX_CONTENT_TYPES_BYTES:
            self.refuse("archive_damaged")
        text = b"".join(self.expand(source, info))
        try:
            root = ElementTree.fromstring(text)
        except Exception:  # malformed XML, or entities defusedxml refuses to expand
            self.refuse("archive_damaged")
        for element in root.iter():
            content_type = element.get("ContentType", "").lower()
            if "macroenabled" in content_type or "vbaproject" in content_type:
                self.refuse("file_has_macros", part=prefix + info.filename)

    def check_member(
        self, source: IO[bytes], info: zipfile.ZipInfo, prefix: str, depth: int
    ) -> None:
        part = prefix + info.filename
        chunks = self.expand(source, info)
        head = b""
        for chunk in chunks:
            head += chunk
            if len(head) >= len(OLE2_MAGIC):
                break
        if head.startswith(PROGRAM_MAGIC):
            self.refuse("file_holds_program", part=part)
        if not head.startswith((ZIP_MAGIC, OLE2_MAGIC)):
            for _chunk in chunks:  # expanded all the same: counted, and its checksum checked
                pass
            return
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as content:
            content.write(head)
            for chunk in chunks:
                content.write(chunk)
            if head.startswith(ZIP_MAGIC):
                self.archive(content, prefix=part + "/", depth=depth + 1)
                return
            storage = _macro_storage(content)
            if storage == "":
                self.refuse("archive_damaged")
            if storage is not None:
                self.refuse("file_has_macros", part=f"{part}/{storage}")

    def expand(self, source: IO[bytes], info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's bytes, expanded from the stream the archive really holds.

        Python's zipfile stops at the size the directory declares, so a stream holding more
        would pass unseen here while other programs expand all of it; the stream is read
        directly instead, must end exactly where the directory says, and every byte counts
        against the budget.
        """
        if info.file_size == 0 and info.compress_size == 0:
            return
        source.seek(info.header_offset)
        header = source.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or not header.startswith(ZIP_MAGIC):
            self.refuse("archive_damaged")
        *_, name_length, extra_length = _LOCAL_HEADER.unpack(header)
        source.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        deflated = info.compress_type == zipfile.ZIP_DEFLATED
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        left = info.compress_size
        produced = checksum = 0
        while left > 0:
            data = source.read(min(_CHUNK, left))
            if not data:
                self.refuse("archive_damaged")
            left -= len(data)
            while data:
                if deflated:
                    try:
                        out = inflater.decompress(data, _CHUNK)
                    except zlib.error:
                        self.refuse("archive_damaged")
                    data = inflater.unconsumed_tail
                    if inflater.eof and (data or left or inflater.unused_data):
                        self.refuse("archive_damaged")
                else:
                    out, data = data, b""
                produced += len(out)
                self.expanded += len(out)
                if produced > info.file_size:
                    self.refuse("archive_damaged")
                if self.expanded > MAX_EXPANDED_BYTES:
                    self.refuse("archive_too_large", limit=human_size(MAX_EXPANDED_BYTES))
                checksum = zlib.crc32(out, checksum)
                if out:
                    yield out
        if (deflated and not inflater.eof) or produced != info.file_size:
            self.refuse("archive_damaged")
        if checksum != info.CRC:
            self.refuse("archive_damaged")
