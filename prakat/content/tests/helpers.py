"""Real files and published items for tests."""

from __future__ import annotations

import datetime
import io
import zipfile

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


def ole2_bytes() -> bytes:
    # The compound-document header Word and Excel 97–2003 files start with.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1016


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
            "source_reference) VALUES (%s, %s, %s, %s, %s)",
            [(pk, unit.pk, "<p>รายละเอียด</p>", "", "") for pk in ids],
        )
    if document is not None:
        ItemAttachment.objects.bulk_create(
            [ItemAttachment(page_id=pk, document=document, sort_order=0) for pk in ids],
            batch_size=1000,
        )
    Page.objects.filter(pk=category.pk).update(numchild=category.numchild + count)
    category.numchild += count
