"""The upload policy, checked directly and through every Wagtail upload screen."""

import io
import os
import sys
import zipfile
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

pytestmark = pytest.mark.database_neutral

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
    ("บันทึก.doc", helpers.word_97_bytes),
    ("งบประมาณ.xls", helpers.excel_97_bytes),
    ("แบบฟอร์มทั้งชุด.zip", lambda: documents_zip()),
]


def documents_zip() -> bytes:
    """What an agency really zips: documents of every allowed kind, and a folder of forms that
    was zipped on its own first (an archive holding an archive holding Office files)."""
    forms = helpers.zip_of(
        {"แบบคำขอ.docx": helpers.docx_bytes(), "ตาราง.xlsx": helpers.xlsx_bytes()}
    )
    return helpers.zip_of(
        {
            "ประกาศ/คำสั่ง.pdf": helpers.pdf_bytes(),
            "ประกาศ/บันทึก.doc": helpers.word_97_bytes(),
            "ประกาศ/งบประมาณ.xls": helpers.excel_97_bytes(),
            "ภาพ/แผนผัง.png": helpers.png_bytes(),
            "ภาพ/กิจกรรม.jpg": helpers.jpg_bytes(),
            "แบบฟอร์ม.zip": forms,
            "อ่านก่อน.txt": "แบบฟอร์มคำขอ ฉบับปรับปรุง".encode(),
        }
    )


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


# --- what a file holds ------------------------------------------------------------------------

MACROS = "ไม่รับเอกสารที่มีแมโคร"
PROGRAMS = "ไฟล์บีบอัดและเอกสารต้องไม่มีโปรแกรมหรือสคริปต์อยู่ภายใน"
EXPANDS = "เมื่อขยายแล้วมีขนาดเกิน 100 MB"
DAMAGED = "ไฟล์เสียหาย หรือขนาดที่ระบุไว้ในไฟล์ไม่ตรงกับเนื้อหาจริง"


def refusal(name: str, data: bytes) -> str:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        UploadPolicy.default().check(upload(name, data))
    (message,) = refused.value.messages
    assert f"ไม่รับไฟล์ “{name}”" in message
    return message


@pytest.fixture(scope="module")
def bomb_200_mb() -> bytes:
    return helpers.zip_of_zeros(200 * MB)


@pytest.mark.parametrize(
    ("name", "make", "part"),
    [
        ("ประกาศ.docx", helpers.docm_bytes, "word/vbaProject.bin"),
        ("สรุป.xlsx", helpers.xlsm_bytes, "xl/vbaProject.bin"),
        # The content type alone makes Word treat the file as a .docm.
        (
            "ประกาศ.docx",
            lambda: helpers.macro_enabled(
                helpers.docx_bytes(),
                "word/document.xml",
                "application/vnd.ms-word.document.macroEnabled.main+xml",
            ),
            "[Content_Types].xml",
        ),
        # And the macro project alone, under any name, is refused by what it is.
        (
            "ประกาศ.docx",
            lambda: helpers.rewrite_zip(
                helpers.docx_bytes(),
                add={"word/media/image9.bin": helpers.ole2_bytes(helpers.vba_project())},
            ),
            "word/media/image9.bin",
        ),
    ],
)
def test_a_macro_document_renamed_docx_or_xlsx_is_refused(name, make, part):
    message = refusal(name, make())
    assert MACROS in message
    assert part in message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("บันทึก.doc", helpers.excel_97_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Word 97–2003"),
        ("บันทึก.doc", helpers.msi_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Word 97–2003"),
        ("งบประมาณ.xls", helpers.word_97_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Excel 97–2003"),
        ("งบประมาณ.xls", helpers.msi_bytes(), "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Excel 97–2003"),
        # A compound-file signature followed by nothing a reader can follow.
        (
            "บันทึก.doc",
            helpers.OLE2_SIGNATURE + bytes(1016),
            "เนื้อไฟล์ไม่ใช่ไฟล์ Microsoft Word 97–2003",
        ),
    ],
)
def test_any_ole2_file_is_not_a_doc_or_xls(name, data, message):
    assert message in refusal(name, data)


@pytest.mark.parametrize(
    ("name", "data", "part"),
    [
        ("บันทึก.doc", helpers.word_97_bytes(Macros=helpers.vba_project()), "Macros"),
        (
            "งบประมาณ.xls",
            helpers.excel_97_bytes(_VBA_PROJECT_CUR=helpers.vba_project()),
            "_VBA_PROJECT_CUR",
        ),
        # A macro project kept inside an embedded object of the document.
        (
            "บันทึก.doc",
            helpers.word_97_bytes(ObjectPool={"_1234567890": helpers.vba_project()}),
            "ObjectPool/_1234567890/VBA",
        ),
    ],
)
def test_a_97_2003_document_with_macros_is_refused(name, data, part):
    message = refusal(name, data)
    assert MACROS in message
    assert part in message


def test_a_zip_bomb_of_200_mb_is_refused(bomb_200_mb):
    assert len(bomb_200_mb) < 4 * MB  # small enough to pass the size limit
    assert EXPANDS in refusal("แบบฟอร์ม.zip", bomb_200_mb)


def test_a_nested_zip_bomb_of_2_gb_is_refused(bomb_200_mb):
    nested = helpers.zip_of({f"ชุดที่ {i}.zip": bomb_200_mb for i in range(10)})
    assert len(nested) < 4 * MB
    assert EXPANDS in refusal("แบบฟอร์ม.zip", nested)


def test_an_office_file_that_expands_beyond_the_limit_is_refused(bomb_200_mb):
    xlsx = helpers.rewrite_zip(helpers.xlsx_bytes(), add={"xl/media/ข้อมูล.bin": bytes(110 * MB)})
    assert len(xlsx) < 4 * MB
    assert EXPANDS in refusal("สรุป.xlsx", xlsx)


def test_a_file_compressed_far_beyond_what_documents_compress_is_refused():
    message = refusal("แบบฟอร์ม.zip", helpers.zip_of_zeros(30 * MB, name="ข้อมูล.txt"))
    assert "“ข้อมูล.txt” ภายในถูกบีบอัดไว้มากกว่า 100 เท่า" in message


def test_sizes_the_archive_lies_about_are_not_trusted():
    lying = helpers.with_declared_size(helpers.zip_of({"ข้อมูล.txt": bytes(30 * MB)}), 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        # A reader that believes the headers sees a small, sound file…
        assert archive.read("ข้อมูล.txt") == bytes(1000)
        assert archive.testzip() is None
    # …while the stream really expands to 30 MB.
    assert DAMAGED in refusal("แบบฟอร์ม.zip", lying)


def test_archives_nested_more_than_three_deep_are_refused():
    data = helpers.zip_of({"อ่านก่อน.txt": b"hello"})
    for level in range(3):
        data = helpers.zip_of({f"ชั้นที่ {level}.zip": data})
    assert "มีไฟล์บีบอัดซ้อนกันเกิน 3 ชั้น" in refusal("แบบฟอร์ม.zip", data)


def test_an_archive_of_more_than_10000_files_is_refused():
    many = helpers.zip_of({f"{i}.txt": b"" for i in range(10_001)})
    assert "มีไฟล์อยู่ภายในเกิน 10,000 ไฟล์" in refusal("แบบฟอร์ม.zip", many)


def test_a_password_protected_archive_is_refused():
    data = helpers.encrypted_zip_bytes("คำสั่ง.pdf", helpers.pdf_bytes(), b"1234")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("คำสั่ง.pdf", pwd=b"1234") == helpers.pdf_bytes()
    assert "มีการตั้งรหัสผ่านไว้ จึงตรวจสอบสิ่งที่อยู่ภายในไม่ได้" in refusal("แบบฟอร์ม.zip", data)


def test_an_archive_compressed_by_a_method_that_cannot_be_checked_is_refused():
    data = helpers.zip_of({"คำสั่ง.pdf": helpers.pdf_bytes()}, zipfile.ZIP_BZIP2)
    assert "บีบอัดด้วยวิธีที่ระบบตรวจสอบไม่ได้" in refusal("แบบฟอร์ม.zip", data)


@pytest.mark.parametrize(
    "program",
    [
        "setup.exe",
        "ติดตั้ง.MSI",
        "lib/helper.dll",
        "run.bat",
        "run.cmd",
        "old.com",
        "screensaver.scr",
        "invoice.pdf.js",
        "macro.vbs",
        "start.ps1",
        "tool.jar",
        "install.sh",
        "shortcut.lnk",
        "page.hta",
    ],
)
def test_an_archive_may_not_hold_a_program_by_name(program):
    data = helpers.zip_of({"คำสั่ง.pdf": helpers.pdf_bytes(), program: b"echo hello"})
    message = refusal("แบบฟอร์ม.zip", data)
    assert PROGRAMS in message
    assert f"“{program}”" in message


@pytest.mark.parametrize(
    ("disguise", "program"),
    [
        ("คู่มือ.pdf", helpers.exe_bytes()),
        # The interpreter running this test: a real executable of this machine.
        ("ภาพกิจกรรม.jpg", Path(sys.executable).resolve().read_bytes()),
    ],
)
def test_an_archive_may_not_hold_a_program_by_content(disguise, program):
    assert program[:2] == b"MZ" or program[:4] in (b"\x7fELF", b"\xcf\xfa\xed\xfe")
    message = refusal("แบบฟอร์ม.zip", helpers.zip_of({disguise: program}))
    assert PROGRAMS in message
    assert f"“{disguise}”" in message


def test_programs_and_macros_are_found_however_deep_they_are_packed():
    inner = helpers.zip_of({"setup.exe": helpers.exe_bytes()})
    message = refusal("แบบฟอร์ม.zip", helpers.zip_of({"ชุดที่ 1/โปรแกรม.zip": inner}))
    assert PROGRAMS in message
    assert "“ชุดที่ 1/โปรแกรม.zip/setup.exe”" in message
    in_docx = helpers.rewrite_zip(
        helpers.docx_bytes(), add={"word/embeddings/setup.exe": helpers.exe_bytes()}
    )
    assert PROGRAMS in refusal("ประกาศ.docx", in_docx)
    message = refusal("แบบฟอร์ม.zip", helpers.zip_of({"แบบฟอร์ม.docx": helpers.docm_bytes()}))
    assert MACROS in message
    assert "“แบบฟอร์ม.docx/word/vbaProject.bin”" in message
    message = refusal("แบบฟอร์ม.zip", helpers.zip_of({"ตาราง.xlsm": helpers.xlsx_bytes()}))
    assert MACROS in message


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("บันทึก.doc", helpers.word_97_bytes),
        ("งบประมาณ.xls", helpers.excel_97_bytes),
        ("แบบฟอร์มทั้งชุด.zip", documents_zip),
    ],
)
def test_sound_documents_and_archives_pass_the_upload_screen(staff_client, name, make):
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": upload(name, make()), "collection": "1"}
    )
    assert response.json()["success"] is True
    assert get_document_model().objects.get().filename == name


def test_a_program_in_a_zip_is_refused_on_the_multiple_upload_screen(staff_client, settings):
    data = helpers.zip_of({"คำสั่ง.pdf": helpers.pdf_bytes(), "setup.exe": helpers.exe_bytes()})
    response = staff_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("แบบฟอร์ม.zip", data), "collection": "1"},
    )
    result = response.json()
    assert result["success"] is False
    assert PROGRAMS in result["error_message"]
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


def test_a_macro_document_is_refused_on_the_document_screen(staff_client, settings):
    response = staff_client.post(
        reverse("wagtaildocs:add"),
        {"title": "ประกาศ", "file": upload("ประกาศ.docx", helpers.docm_bytes()), "collection": "1"},
    )
    assert response.status_code == 200
    assert MACROS in response.content.decode()
    assert not get_document_model().objects.exists()
    assert stored_files(settings) == []


# --- the profile picture (account settings) ---------------------------------------------------


def image_bytes(kind: str, size: tuple[int, int] = (40, 30), *, noise: bool = False) -> bytes:
    from PIL import Image

    if noise:  # photographs do not compress: random pixels stand in for one
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (11, 90, 60))
    out = io.BytesIO()
    image.save(out, kind, **({"quality": 100} if kind == "JPEG" else {}))
    return out.getvalue()


def post_avatar(client, user, file: SimpleUploadedFile):
    """The account settings form as the browser sends it, with a new profile picture."""
    return client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": user.first_name,
            "name_email-last_name": user.last_name,
            "name_email-email": "webmaster@example.go.th",
            "avatar-avatar": file,
            "locale-preferred_language": "th",
            "locale-current_time_zone": "Asia/Bangkok",
            "theme-theme": "system",
            "theme-contrast": "system",
            "theme-density": "default",
        },
    )


def avatar_of(user) -> str:
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(user).avatar.name


@pytest.mark.parametrize(
    ("kind", "name"), [("GIF", "ฉัน.gif"), ("BMP", "ฉัน.bmp"), ("TIFF", "ฉัน.tiff")]
)
def test_a_profile_picture_of_another_type_is_refused(
    staff_client, webmaster, settings, kind, name
):
    response = post_avatar(staff_client, webmaster, upload(name, image_bytes(kind)))
    assert response.status_code == 200
    html = response.content.decode()
    ext = name.rsplit(".", 1)[1]
    assert f"ไม่รับไฟล์ “{name}” เพราะไม่อนุญาตไฟล์ชนิด .{ext} (ชนิดไฟล์ที่อนุญาต: .jpg .png)" in html
    assert avatar_of(webmaster) == ""
    assert stored_files(settings) == []


def test_a_profile_picture_disguised_as_png_is_refused(staff_client, webmaster, settings):
    response = post_avatar(staff_client, webmaster, upload("ฉัน.png", image_bytes("GIF")))
    assert "เนื้อไฟล์ไม่ใช่ไฟล์ PNG" in response.content.decode()
    assert avatar_of(webmaster) == ""
    assert stored_files(settings) == []


def test_a_profile_picture_over_4_mb_is_refused_not_an_error(staff_client, webmaster, settings):
    photo = image_bytes("JPEG", (2400, 2400), noise=True)
    assert len(photo) > 4 * MB
    response = post_avatar(staff_client, webmaster, upload("ฉัน.jpg", photo))
    assert response.status_code == 200
    assert "เกินขนาดสูงสุดที่อนุญาต ไฟล์ละไม่เกิน 4 MB" in response.content.decode()
    assert avatar_of(webmaster) == ""
    assert stored_files(settings) == []


def test_a_jpg_or_png_profile_picture_is_kept(staff_client, webmaster):
    response = staff_client.get(reverse("wagtailadmin_account"))
    assert 'accept=".jpg,.jpeg,.png"' in response.content.decode()
    assert "ชนิดไฟล์ที่อนุญาต: .jpg .png" in response.content.decode()
    response = post_avatar(staff_client, webmaster, upload("ฉัน.png", image_bytes("PNG")))
    assert response.status_code == 302
    stored = avatar_of(webmaster)
    assert stored.startswith("avatar_images/")
    assert stored.endswith(".png")
