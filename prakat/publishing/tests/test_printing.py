"""The request form and the memo, read back out of the PDFs."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader
from wagtail.images import get_image_model

from prakat.agency.identity import Identity
from prakat.content.tests.helpers import committed, png_bytes
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.publishing.models import RejectionReason
from prakat.publishing.printing import memo_pdf, request_form_pdf
from prakat.publishing.submission import RequestDetails, resubmit, submit
from prakat.publishing.tests.test_workflow import act
from prakat.thai.dates import format_date

pytestmark = pytest.mark.database_neutral


class PdfText:
    """``"words" in PdfText(pdf)``: the words are printed in the PDF (see pdf_text)."""

    def __init__(self, pdf: bytes):
        self.text = pdf_skeleton(pdf)

    def __contains__(self, expected: str) -> bool:
        return skeleton(expected) in self.text


text_of = PdfText


def published(people, submitted):
    act(submitted, people.head, "reject", reason=RejectionReason.FILE_FORMAT, detail="")

    resubmit(submitted, people.requester, RequestDetails(title="ขอเชิญร่วมบริจาคโลหิต"))
    act(submitted, people.head, "approve")
    act(submitted, people.webmaster, "approve", comment="", go_live_at=None)
    return submitted


def test_request_form_carries_the_people_positions_and_dates(people, submitted):
    publication_request = published(people, submitted)
    text = text_of(request_form_pdf(publication_request))
    today = format_date(publication_request.created_at)
    assert "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์โรงพยาบาลทดสอบ" in text
    assert "ขอเชิญร่วมบริจาคโลหิต" in text
    assert "(สุดา ใจดี)" in text and "ตำแหน่ง นักประชาสัมพันธ์" in text
    assert "(วิชัย มั่นคง)" in text and "ตำแหน่ง หัวหน้างานประชาสัมพันธ์" in text
    assert "(ณัฐพล ศรีสวัสดิ์)" in text and "ตำแหน่ง นักวิชาการคอมพิวเตอร์" in text
    assert today in text and str(publication_request.created_at.year + 543) in text
    # The electronic record keeps the round that was sent back.
    assert "ไฟล์ไม่ถูกต้องตามรูปแบบไฟล์ที่อนุญาต" in text
    assert publication_request.page.specific.full_url in text


def test_request_form_before_approval_says_so(people, submitted):
    text = text_of(request_form_pdf(submitted))
    assert "ยังไม่ได้รับอนุมัติ" in text
    assert "ยังไม่ได้เผยแพร่" in text


def test_memo_for_a_batch_lists_every_request(people, submitted, news):
    people.agency.correspondence_code = "กพ 0032.301"
    people.agency.save()
    submitted.refresh_from_db()  # read afresh, as the memo's page reads it
    second = submit(people.requester, news, RequestDetails(title="ประกาศปิดปรับปรุงลานจอดรถ"))
    text = text_of(memo_pdf([submitted, second]))
    assert "บันทึกข้อความ" in text
    assert "ส่วนราชการ งานประชาสัมพันธ์ โรงพยาบาลทดสอบ" in text
    assert "ที่ กพ 0032.301/" in text
    assert "เรื่อง ขออนุมัติเผยแพร่ข้อมูลผ่านเว็บไซต์ของโรงพยาบาลทดสอบ" in text
    assert "เรียน ผู้อำนวยการโรงพยาบาลทดสอบ" in text
    assert "ขอเชิญร่วมบริจาคโลหิต" in text and "ประกาศปิดปรับปรุงลานจอดรถ" in text
    assert "จำนวน 2 รายการ" in text
    assert format_date(submitted.created_at) in text


def test_pdfs_are_served_only_to_those_who_may_see_the_request(client, people, submitted):
    client.force_login(people.other_head)
    assert (
        client.get(reverse("publishing:request_form_pdf", args=[submitted.pk])).status_code == 404
    )
    client.force_login(people.head)
    response = client.get(reverse("publishing:request_form_pdf", args=[submitted.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "ขอเชิญร่วมบริจาคโลหิต" in text_of(response.content)
    batch = client.get(reverse("publishing:memo_batch_pdf"), {"ids": [submitted.pk]})
    assert "บันทึกข้อความ" in text_of(batch.content)


def test_the_memo_carries_the_agency_s_emblem_and_the_form_its_logo(people, submitted):
    """Set in the site's identity: the Garuda emblem heads the memorandum, the logo the
    request form; the words printed stay the same, character for character."""

    def pictures_on_first_page(pdf: bytes) -> int:
        return len(PdfReader(io.BytesIO(pdf)).pages[0].images)

    before_memo, before_form = memo_pdf([submitted]), request_form_pdf(submitted)
    assert pictures_on_first_page(before_memo) == 0 == pictures_on_first_page(before_form)
    identity = Identity.for_site(people.agency.site)
    for field, title in (("document_emblem", "ตราครุฑ"), ("logo", "ตราโรงพยาบาล")):
        image = get_image_model()(title=title)
        image.file = ContentFile(png_bytes(), name=f"{field}.png")
        image.save()
        setattr(identity, field, image)
    with committed():
        identity.save()
    memo, form = memo_pdf([submitted]), request_form_pdf(submitted)
    # The memo: the emblem alone (no logo over an official memorandum); the form: the logo.
    assert pictures_on_first_page(memo) == 1 and pictures_on_first_page(form) == 1
    assert pdf_skeleton(memo) == pdf_skeleton(before_memo)
    assert pdf_skeleton(form) == pdf_skeleton(before_form)
