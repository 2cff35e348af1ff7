"""Personal data is found in the body and attachments, and publishing it needs a confirmation."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from prakat.content.models import InformationItemPage
from prakat.content.pdf import render_pdf
from prakat.content.personal_data import find_in_text, scan_item, valid_national_id
from prakat.content.tests import helpers
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act

pytestmark = pytest.mark.database_neutral

VALID_ID = "1234567890121"  # check digit computed by the rule of the Ministry of Interior


def test_national_id_check_digit():
    assert valid_national_id(VALID_ID)
    assert not valid_national_id("1234567890122")
    assert not valid_national_id("123456789012")


def test_finds_ids_phones_and_emails_in_text_masked():
    text = (
        "ผู้ป่วยเลขประจำตัวประชาชน 1-2345-67890-12-1 โทร 081-234-5678 "
        "อีเมล somchai@example.com เลขอื่น 1234567890122"
    )
    found = find_in_text(text, "รายละเอียด")
    assert [f.kind for f in found] == ["national_id", "phone", "email"]
    assert found[0].value == "x-xxxx-xxxxx-12-1"
    assert "somchai" not in found[2].value
    assert all(f.where == "รายละเอียด" for f in found)


def test_the_agencys_own_contacts_are_not_findings():
    found = find_in_text("ติดต่อ 0 5571 4223 หรือ itkph@example.go.th", "x",
                         ignore=["0 5571 4223", "itkph@example.go.th"])  # fmt: skip
    assert found == []


def pdf_with(text: str) -> bytes:
    return render_pdf("demo/document.html", {"title": "รายชื่อ", "paragraphs": [text]})


def docx_with(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("หัวเรื่อง")
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_with(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "รายชื่อ"
    book.active["B2"] = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "make", "where"),
    [
        ("รายชื่อ.pdf", pdf_with, "รายชื่อ.pdf หน้า 1"),
        ("รายชื่อ.docx", docx_with, "รายชื่อ.docx ย่อหน้าที่ 2"),
        ("รายชื่อ.xlsx", xlsx_with, "รายชื่อ.xlsx แผ่นงาน รายชื่อ เซลล์ B2"),
    ],
)
def test_finds_personal_data_in_attachments_with_its_place(people, news, name, make, where):
    publication_request = submit(
        people.requester, news,
        RequestDetails(title="รายชื่อผู้มีสิทธิ์", summary="ตามเอกสารแนบ",
                       files=[SimpleUploadedFile(name, make(f"นาย ก เลข {VALID_ID}"))]),
    )  # fmt: skip
    found = scan_item(publication_request.page.get_latest_revision_as_object(), people.agency)
    assert [(f.kind, f.where) for f in found] == [("national_id", where)]


def test_a_photo_s_description_and_credit_are_read_too(people, news):
    """An album photo described with a patient's phone number is found like one in the
    details: its text goes on the site with the photo."""
    publication_request = submit(
        people.requester, news, RequestDetails(title="กิจกรรมเยี่ยมบ้าน", summary="ภาพกิจกรรม")
    )
    draft = publication_request.page.get_latest_revision_as_object()
    image = get_image_model()(title="เยี่ยมบ้าน")
    image.file = ContentFile(helpers.png_bytes(), name="visit.png")
    image.save()
    draft.album = [{"type": "photo", "value": {
        "image": image.pk, "alt": "เยี่ยมบ้านผู้ป่วย โทร 081-234-5678", "credit": ""}}]  # fmt: skip
    found = scan_item(draft, people.agency)
    assert [(f.kind, f.value, f.where) for f in found] == [
        ("phone", "xxx-xxx-5678", "คำบรรยายภาพและชื่อผู้ถ่าย")
    ]


def test_a_pdf_without_text_is_flagged_as_a_scan(people, news):
    publication_request = submit(
        people.requester, news,
        RequestDetails(title="ประกาศ", files=[SimpleUploadedFile("สแกน.pdf", helpers.pdf_bytes())]),
    )  # fmt: skip
    found = scan_item(publication_request.page.get_latest_revision_as_object(), people.agency)
    assert [f.kind for f in found] == ["no_text"]


def test_publishing_personal_data_needs_the_webmasters_confirmation(people, news, client):
    publication_request = submit(
        people.requester, news,
        RequestDetails(title="ผลการคัดเลือก", summary=f"ผู้ผ่านการคัดเลือก เลข {VALID_ID}"),
    )  # fmt: skip
    client.force_login(people.head)
    page = client.get(f"/admin/publishing/{publication_request.pk}/").content.decode()
    assert "เลขประจำตัวประชาชน" in page and "xxxxxxxxxx121" in page
    act(publication_request, people.head, "approve")
    # The webmaster is asked to confirm, since something was found.
    client.force_login(people.webmaster)
    page = client.get(f"/admin/publishing/{publication_request.pk}/").content.decode()
    assert 'name="approve-confirm_personal_data"' in page
    with pytest.raises(PermissionDenied):
        act(publication_request, people.webmaster, "approve", comment="", go_live_at=None)
    assert not InformationItemPage.objects.get(pk=publication_request.page_id).live
    act(publication_request, people.webmaster, "approve", comment="", go_live_at=None,
        confirm_personal_data=True)  # fmt: skip
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    decision = publication_request.decisions.get(step="webmaster")
    assert decision.personal_data_confirmed
    assert "พบข้อมูลส่วนบุคคล 1 รายการ" in decision.detail


def test_nothing_found_asks_nothing_and_publishes(people, news, client):
    publication_request = submit(
        people.requester, news, RequestDetails(title="ขอเชิญร่วมบริจาคโลหิต", summary="ทุกวันพุธ")
    )
    act(publication_request, people.head, "approve")
    client.force_login(people.webmaster)
    url = f"/admin/publishing/{publication_request.pk}/"
    page = client.get(url).content.decode()
    assert "ไม่พบเลขประจำตัวประชาชน" in page
    assert "confirm_personal_data" not in page
    response = client.post(
        url, {"action": "approve", "approve-comment": "", "approve-go_live_at": ""}, follow=True
    )
    assert "บันทึกผลการพิจารณาแล้ว" in response.content.decode()
    assert InformationItemPage.objects.get(pk=publication_request.page_id).live
    assert not publication_request.decisions.get(step="webmaster").personal_data_confirmed
