"""Real files and published items for tests."""

from __future__ import annotations

import datetime
import io
import os
import struct
import uuid
import zipfile
import zlib

from django.core.files.base import ContentFile
from wagtail.models import Collection

from prakat.content.going_live import publication_authorised
from prakat.content.models import AgencyDocument, CategoryPage, InformationItemPage, ItemAttachment


def pdf_bytes(pad_to: int = 0) -> bytes:
    """A real one-page PDF; ``pad_to`` grows it (with a PDF comment) to at least that size."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if len(data) < pad_to:
        data += b"%" + b"0" * (pad_to - len(data) - 2) + b"\n"
    return data


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 90, 60)).save(out, "PNG")
    return out.getvalue()


def jpg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (11, 90, 60)).save(out, "JPEG")
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "สรุปผลการจัดซื้อจัดจ้าง"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("ประกาศโรงพยาบาล")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("แบบฟอร์ม.txt", "แบบฟอร์มคำขอ")
    return out.getvalue()


# --- OLE2 compound files (Word and Excel 97–2003, installers) -------------------------------

_SECTOR = 512
_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_ENTRY = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_ROOT, _STORAGE, _STREAM = 5, 1, 2
_HEADER = struct.Struct("<8s16sHHHHH6sIIIIIIIII109I")
_DIRECTORY_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")
# What a Windows Installer package's root storage is marked with.
MSI_CLSID = uuid.UUID("000c1084-0000-0000-c000-000000000046").bytes_le


def ole2_bytes(entries: dict, *, clsid: bytes = bytes(16)) -> bytes:
    """A real OLE2 compound file (version 3), as Office 97–2003 and Windows Installer write.

    ``entries`` maps a name to bytes (a stream) or to a dict (a storage holding more). Each
    stream is padded to 4 KB so it lives in ordinary sectors and no mini stream is needed.
    """
    directory: list[dict] = [{"name": "Root Entry", "type": _ROOT, "kids": [], "clsid": clsid}]

    def add(tree: dict, parent: int) -> None:
        for name, value in tree.items():
            is_storage = isinstance(value, dict)
            kind = _STORAGE if is_storage else _STREAM
            directory.append({"name": name, "type": kind, "kids": []})
            index = len(directory) - 1
            directory[parent]["kids"].append(index)
            if is_storage:
                add(value, index)
            else:
                directory[index]["data"] = value.ljust(4096, b"\0")

    add(entries, 0)

    def tree_of(kids: list[int]) -> int:
        # Siblings form a binary tree ordered by name length, then upper-cased name.
        if not kids:
            return _NO_ENTRY
        names = {i: directory[i]["name"] for i in kids}
        ordered = sorted(kids, key=lambda i: (len(names[i]), names[i].upper()))
        middle = len(ordered) // 2
        entry = directory[ordered[middle]]
        entry["left"], entry["right"] = tree_of(ordered[:middle]), tree_of(ordered[middle + 1 :])
        return ordered[middle]

    for entry in directory:
        entry["child"] = tree_of(entry["kids"])
    directory[0]["left"] = directory[0]["right"] = _NO_ENTRY

    directory_sectors = -(-len(directory) // 4)
    streams = [entry for entry in directory if "data" in entry]
    data_sectors = sum(len(entry["data"]) // _SECTOR for entry in streams)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + directory_sectors + data_sectors:
        fat_sectors += 1
    fat = [_FAT_SECTOR] * fat_sectors

    def chain(length: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + length))
        fat.append(_END_OF_CHAIN)
        return start

    first_directory_sector = chain(directory_sectors)
    for entry in streams:
        entry["start"] = chain(len(entry["data"]) // _SECTOR)
    fat.extend([_FREE] * (fat_sectors * 128 - len(fat)))

    packed = b""
    for entry in directory:
        name = (entry["name"] + "\0").encode("utf-16-le")
        is_stream = "data" in entry
        packed += _DIRECTORY_ENTRY.pack(
            name, len(name), entry["type"], 1, entry["left"], entry["right"], entry["child"],
            entry.get("clsid", bytes(16)), 0, 0, 0,
            entry["start"] if is_stream else (_END_OF_CHAIN if entry["type"] == _ROOT else 0),
            len(entry["data"]) if is_stream else 0,
        )  # fmt: skip
    unused = _DIRECTORY_ENTRY.pack(
        b"", 0, 0, 0, _NO_ENTRY, _NO_ENTRY, _NO_ENTRY, bytes(16), 0, 0, 0, 0, 0
    )
    packed += unused * (directory_sectors * 4 - len(directory))

    header = _HEADER.pack(
        OLE2_SIGNATURE, bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, fat_sectors,
        first_directory_sector, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0,
        *range(fat_sectors), *[_FREE] * (109 - fat_sectors),
    )  # fmt: skip
    body = struct.pack(f"<{len(fat)}I", *fat) + packed
    return header + body + b"".join(entry["data"] for entry in streams)


OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def word_97_bytes(**extra) -> bytes:
    """A Word 97–2003 document: the ``WordDocument`` stream and its table stream."""
    return ole2_bytes({"WordDocument": b"\xec\xa5\xc1\x00", "1Table": b"\x00", **extra})


def excel_97_bytes(**extra) -> bytes:
    """An Excel 97–2003 workbook: the ``Workbook`` stream (BIFF8 begins with a BOF record)."""
    return ole2_bytes({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00", **extra})


def vba_project() -> dict:
    """The storage a macro project is kept in, as Word and Excel write it."""
    return {
        "VBA": {"_VBA_PROJECT": b"\xcc\x61\xff\xff", "dir": b"\x01", "ThisDocument": b"\x00"},
        "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\nDocument=ThisDocument',
    }


def _msi_name(name: str, *, table: bool = True) -> str:
    # Windows Installer packs two name characters into one, above U+3800 (U+4840 marks a table).
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._"
    packed = "\u4840" if table else ""
    for i in range(0, len(name), 2):
        pair = name[i : i + 2]
        if len(pair) == 2:
            packed += chr(0x3800 + alphabet.index(pair[0]) + (alphabet.index(pair[1]) << 6))
        else:
            packed += chr(0x4800 + alphabet.index(pair))
    return packed


def msi_bytes() -> bytes:
    """A Windows Installer package: an OLE2 file, but no Word or Excel stream in it."""
    return ole2_bytes(
        {
            "\x05SummaryInformation": b"\xfe\xff\x00\x00",
            _msi_name("_StringPool"): b"\x00\x00\x00\x00",
            _msi_name("_StringData"): b"",
            _msi_name("_Tables"): b"",
        },
        clsid=MSI_CLSID,
    )


# --- ZIP archives (and Office Open XML files, which are ZIP archives) --------------------


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_of_zeros(size: int, name: str = "ข้อมูล.txt") -> bytes:
    """A zip bomb: ``size`` bytes of zeros, deflated for real into a tiny archive."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        block = bytes(1024 * 1024)
        for _ in range(size // len(block)):
            member.write(block)
        member.write(bytes(size % len(block)))
    return out.getvalue()


def rewrite_zip(data: bytes, *, add: dict[str, bytes] = (), replace=None) -> bytes:
    """The same archive with members added, and each member's bytes passed through
    ``replace(name, bytes)`` if given: how a .docm is dressed up as a .docx."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if replace is not None:
                content = replace(info.filename, content)
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
        for name, content in dict(add).items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def macro_enabled(document: bytes, main_part: str, macro_type: str) -> bytes:
    """``document`` (a .docx or .xlsx) with its main part's content type made macro-enabled."""

    def replace(name: str, content: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return content
        text = content.decode()
        start = text.index(f'PartName="/{main_part}"')
        type_start = text.index('ContentType="', start) + len('ContentType="')
        type_end = text.index('"', type_start)
        return (text[:type_start] + macro_type + text[type_end:]).encode()

    return rewrite_zip(document, replace=replace)


def with_macro_project(document: bytes, main_part: str, macro_type: str) -> bytes:
    """What Word and Excel save as .docm and .xlsm: a macro-enabled main part, and the macro
    project (an OLE2 file) beside it, typed and linked from the main part."""
    folder, main = main_part.split("/")
    rels = f"{folder}/_rels/{main}.rels"

    def replace(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return content.replace(
                b"<Default ",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b"<Default ",
                1,
            )
        if name == rels:
            return content.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdVba" Target="vbaProject.bin" Type="http://schemas.'
                b'microsoft.com/office/2006/relationships/vbaProject"/></Relationships>',
            )
        return content

    return rewrite_zip(
        macro_enabled(document, main_part, macro_type),
        replace=replace,
        add={f"{folder}/vbaProject.bin": ole2_bytes(vba_project())},
    )


def docm_bytes() -> bytes:
    return with_macro_project(
        docx_bytes(), "word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"
    )


def xlsm_bytes() -> bytes:
    return with_macro_project(
        xlsx_bytes(), "xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    )


def with_declared_size(data: bytes, size: int) -> bytes:
    """A one-member archive whose headers say its member is ``size`` bytes (with the matching
    checksum of that much of its content) while its compressed stream holds more."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
        assert info.compress_type == zipfile.ZIP_DEFLATED and info.file_size > size
        crc = zlib.crc32(archive.read(info)[:size])
    patched = bytearray(data)
    local = patched.index(b"PK\x03\x04")
    central = patched.index(b"PK\x01\x02")
    struct.pack_into("<I", patched, local + 14, crc)
    struct.pack_into("<I", patched, local + 22, size)
    struct.pack_into("<I", patched, central + 16, crc)
    struct.pack_into("<I", patched, central + 24, size)
    return bytes(patched)


def encrypted_zip_bytes(name: str, data: bytes, password: bytes) -> bytes:
    """A one-member archive protected by a password (traditional PKWARE encryption)."""
    keys = [0x12345678, 0x23456789, 0x34567890]

    def crc_step(value: int, byte: int) -> int:
        return zlib.crc32(bytes([byte]), value ^ 0xFFFFFFFF) ^ 0xFFFFFFFF

    def update(byte: int) -> None:
        keys[0] = crc_step(keys[0], byte)
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = crc_step(keys[2], keys[1] >> 24)

    def encrypt(plain: bytes) -> bytes:
        out = bytearray()
        for byte in plain:
            temp = (keys[2] | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            update(byte)
        return bytes(out)

    for byte in password:
        update(byte)
    crc = zlib.crc32(data)
    sealed = encrypt(os.urandom(11) + bytes([crc >> 24])) + encrypt(data)
    encoded = name.encode()
    flags = 0x1 | 0x800  # encrypted; UTF-8 name
    local = struct.pack(
        "<4s5H3L2H", b"PK\x03\x04", 20, flags, 0, 0, 0x21, crc, len(sealed), len(data),
        len(encoded), 0,
    )  # fmt: skip
    central = struct.pack(
        "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 0, 0, 0x21, crc, len(sealed), len(data),
        len(encoded), 0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    directory_offset = len(local) + len(encoded) + len(sealed)
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(encoded), directory_offset, 0
    )
    return local + encoded + sealed + central + encoded + end


def rar_bytes() -> bytes:
    # RAR 5 signature followed by an (empty) archive header block.
    return b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 512


def make_document(title: str, filename: str, data: bytes | None = None) -> AgencyDocument:
    document = AgencyDocument(title=title, collection=Collection.get_first_root_node())
    document.file = ContentFile(data or pdf_bytes(), name=filename)
    document.save()
    document.refresh_from_db()
    return document


def committed():
    """A block whose work is done as if its transaction had committed: the jobs it asks for
    (search index, Wagtail's reference and search indexes) run as the block ends, as the
    worker runs them after a commit. A test's own transaction is never committed, so
    without this the jobs are dropped with it."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def publish_item(
    category: CategoryPage,
    title: str,
    unit,
    *,
    published: datetime.datetime | None = None,
    attachments: list[AgencyDocument] = (),
    **fields,
) -> InformationItemPage:
    item = InformationItemPage(
        title=title, owner_unit=unit, first_published_at=published, live=False, **fields
    )
    category.add_child(instance=item)
    for order, document in enumerate(attachments):
        ItemAttachment.objects.create(page=item, document=document, sort_order=order)
    with publication_authorised():
        item.save_revision().publish()
    item.refresh_from_db()
    return item


def bulk_publish_items(category: CategoryPage, unit, count: int, document=None) -> None:
    """``count`` live items under ``category`` in a few statements, for size tests.

    Wagtail adds pages one at a time; ten thousand of those would take minutes. The rows
    written here are what ``add_child`` and ``publish`` would leave behind.
    """
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(InformationItemPage)
    now = timezone.now()
    depth = category.depth + 1
    first_step = category.numchild + 1
    pages = []
    for i in range(count):
        slug = f"bulk-{category.pk}-{i}"
        moment = now - dt.timedelta(minutes=i)
        pages.append(
            Page(
                title=f"รายการข้อมูลข่าวสาร {i}",
                draft_title=f"รายการข้อมูลข่าวสาร {i}",
                slug=slug,
                path=Page._get_path(category.path, depth, first_step + i),
                depth=depth,
                numchild=0,
                url_path=f"{category.url_path}{slug}/",
                content_type=content_type,
                locale_id=category.locale_id,
                live=True,
                first_published_at=moment,
                last_published_at=moment,
            )
        )
    Page.objects.bulk_create(pages, batch_size=1000)
    ids = list(Page.objects.filter(path__in=[p.path for p in pages]).values_list("pk", flat=True))
    table = connection.ops.quote_name(InformationItemPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_ptr_id, owner_unit_id, body, external_link, "  # noqa: S608
            "source_reference, cover_credit, album, imported_from) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            [(pk, unit.pk, "<p>รายละเอียด</p>", "", "", "", "[]", "") for pk in ids],
        )
    if document is not None:
        ItemAttachment.objects.bulk_create(
            [ItemAttachment(page_id=pk, document=document, sort_order=0) for pk in ids],
            batch_size=1000,
        )
    Page.objects.filter(pk=category.pk).update(numchild=category.numchild + count)
    category.numchild += count
    if connection.vendor == "postgresql":
        # What the server's own ANALYZE does once a bulk load commits; this one never commits.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Page._meta.db_table)}, {table}")
