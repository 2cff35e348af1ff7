"""The upload policy, checked directly and through every Wagtail upload screen."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from prakat.agency.models import Agency
from prakat.content.filesize import human_size
from prakat.content.tests import helpers
from prakat.content.upload_policy import UploadPolicy

MB = 1024 * 1024

ALLOWED_FILES = [
    ("รายงาน.pdf", helpers.pdf_bytes),
    ("สรุป.xlsx", helpers.xlsx_bytes),
    ("ประกาศ.docx", helpers.docx_bytes),
    ("ภาพกิจกรรม.jpg", helpers.jpg_bytes),
    ("ภาพกิจกรรม.jpeg", helpers.jpg_bytes),
    ("แผนผัง.png", helpers.png_bytes),
    ("แบบฟอร์ม.zip", helpers.zip_bytes),
    ("เอกสาร.rar", helpers.rar_bytes),
    ("บันทึก.doc", helpers.ole2_bytes),
    ("งบประมาณ.xls", helpers.ole2_bytes),
]


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(("name", "make"), ALLOWED_FILES)
def test_each_allowed_type_is_accepted(name, make):
    UploadPolicy.default().check(upload(name, make()))


def test_default_policy_is_the_seeds_list_and_4_mb():
    policy = UploadPolicy.default()
    assert policy.extensions == ("pdf", "xls", "xlsx", "doc", "docx", "jpg", "png", "zip", "rar")
    assert policy.max_bytes == 4 * MB
    assert human_size(policy.max_bytes) == "4 MB"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("โปรแกรม.pdf", helpers.exe_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ PDF"),
        ("ภาพ.png", helpers.pdf_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ PNG"),
        ("สรุป.xlsx", helpers.docx_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Excel"),
        ("บันทึก.doc", helpers.zip_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Word 97–2003"),
        ("setup.exe", helpers.exe_bytes(), "ไม่อนุญาตไฟล์ชนิด .exe"),
        ("บันทึก.txt", "ข้อความ".encode(), "ไม่อนุญาตไฟล์ชนิด .txt"),
        ("ไม่มีนามสกุล", helpers.pdf_bytes(), "ไม่อนุญาตไฟล์ชนิด .?"),
        ("ใหญ่.pdf", helpers.pdf_bytes(pad_to=4 * MB + 1), "เกินขนาดสูงสุดที่อนุญาต ไฟล์ละไม่เกิน 4 MB"),
        ("ว่าง.pdf", b"", "เป็นไฟล์ว่าง"),
    ],
)
def test_refusals_name_the_rule_in_thai(name, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        UploadPolicy.default().check(upload(name, data))
    assert message in refused.value.messages[0]
    assert name in refused.value.messages[0]


def test_exactly_4_mb_is_still_accepted():
    UploadPolicy.default().check(upload("พอดี.pdf", helpers.pdf_bytes(pad_to=4 * MB)))


def test_agency_can_change_types_and_size(built_site):
    from django.core.exceptions import ValidationError

    agency = built_site.agency
    agency.allowed_extensions = ".pdf .docx"
    agency.max_upload_size_mb = 1
    agency.save()
    policy = UploadPolicy.current()
    assert policy.extensions == ("pdf", "docx")
    with pytest.raises(ValidationError, match="1 MB"):
        policy.check(upload("ใหญ่.pdf", helpers.pdf_bytes(pad_to=MB + 10)))
    with pytest.raises(ValidationError, match=r"ไม่อนุญาตไฟล์ชนิด \.png"):
        policy.check(upload("ภาพ.png", helpers.png_bytes()))


def test_agency_cannot_allow_a_type_whose_content_cannot_be_checked(built_site):
    from django.core.exceptions import ValidationError

    agency = Agency.current()
    agency.allowed_extensions = "pdf exe"
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert "exe" in str(refused.value.message_dict["allowed_extensions"])


# --- through Wagtail's screens --------------------------------------------------------------


@pytest.fixture
def staff_client(client, webmaster):
    client.force_login(webmaster)
    return client


def test_single_document_upload_refuses_oversized_file_and_keeps_the_form(staff_client, settings):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "รายงานผลการดำเนินงาน ไตรมาส 1",
            "file": upload("รายงาน.pdf", helpers.pdf_bytes(pad_to=5 * MB)),
            "collection": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "เกินขนาดสูงสุดที่อนุญาต ไฟล์ละไม่เกิน 4 MB" in html
    assert 'value="รายงานผลการดำเนินงาน ไตรมาส 1"' in html
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_single_document_upload_refuses_disguised_file(staff_client, settings):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {"title": "ประกาศ", "file": upload("ประกาศ.pdf", helpers.exe_bytes()), "collection": "1"},
    )
    assert "เนื้อไฟล์ไม่ใช่ไฟล์ PDF" in response.content.decode()
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_single_document_upload_keeps_the_original_thai_name(staff_client, settings):
    data = helpers.pdf_bytes()
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {"title": "คำสั่ง", "file": upload("คำสั่งแต่งตั้ง ๑๒๓.pdf", data), "collection": "1"},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.filename == "คำสั่งแต่งตั้ง ๑๒๓.pdf"
    assert document.file_size == len(data)
    assert document.type_label == "PDF"


def test_multiple_document_upload_refuses_disallowed_type(staff_client, settings):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("virus.exe", helpers.exe_bytes()), "collection": "1"},
    )
    result = response.json()
    assert result["success"] is False
    assert "ไม่อนุญาตไฟล์ชนิด .exe" in result["error_message"]
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_multiple_document_upload_accepts_an_allowed_file(staff_client):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("สรุป.xlsx", helpers.xlsx_bytes()), "collection": "1"},
    )
    assert response.json()["success"] is True
    assert get_document_model().objects.get().filename == "สรุป.xlsx"


def test_chooser_upload_refuses_oversized_file(staff_client, settings):
    response = staff_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "ใหญ่",
            "document-chooser-upload-file": upload("ใหญ่.pdf", helpers.pdf_bytes(pad_to=5 * MB)),
            "document-chooser-upload-collection": "1",
        },
    )
    assert "เกินขนาดสูงสุดที่อนุญาต" in response.json()["htmlFragment"]
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_image_upload_refuses_disguised_and_oversized_images(staff_client, settings):
    disguised = staff_client.post(
        reverse("wagtailimages:add"),
        {"title": "ภาพ", "file": upload("ภาพ.png", helpers.exe_bytes()), "collection": "1"},
    )
    assert "เนื้อไฟล์ไม่ใช่ไฟล์ PNG" in disguised.content.decode()
    pdf_as_image = staff_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload("ประกาศ.pdf", helpers.pdf_bytes()), "collection": "1"},
    )
    assert "ไม่อนุญาตไฟล์ชนิด .pdf" in pdf_as_image.json()["error_message"]
    assert not get_image_model().objects.exists()
    assert stored_files(settings) == []


def test_image_upload_accepts_a_real_png(staff_client):
    response = staff_client.post(
        reverse("wagtailimages:add"),
        {"title": "แผนที่", "file": upload("แผนที่.png", helpers.png_bytes()), "collection": "1"},
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().title == "แผนที่"


def test_help_text_states_the_rule(staff_client):
    html = staff_client.get(reverse("wagtaildocs:add")).content.decode()
    assert "ชนิดไฟล์ที่อนุญาต: .pdf .xls .xlsx .doc .docx .jpg .png .zip .rar" in html
    assert "ขนาดไม่เกินไฟล์ละ 4 MB" in html
