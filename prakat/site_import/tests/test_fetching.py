"""Fetching an old site's files: only from the address given, only its uploads, never from
inside the agency's network unless the administrator names the host, each file checked."""

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from prakat.content.upload_policy import UploadPolicy
from prakat.site_import.fetching import Fetcher, _check_picture, address_refusal
from prakat.site_import.tests.test_import import OLD, old_site_server  # noqa: F401

pytestmark = pytest.mark.database_neutral


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1/",
        "http://localhost:6379/",
        "http://10.1.2.3/",
        "http://192.168.1.10/",
        "http://169.254.169.254/",
        "http://[::1]/",
        "ftp://old.example.go.th/",
        "file:///etc/passwd",
    ],
)
def test_addresses_inside_the_network_or_not_on_the_web_are_refused_in_thai(address, settings):
    settings.OLD_SITE_PRIVATE_HOSTS = []
    refusal = address_refusal(address)
    assert refusal.startswith(("ดึงไฟล์เฉพาะจากที่อยู่บนอินเทอร์เน็ต", "ระบุที่อยู่เว็บไซต์เดิม", "ไม่พบที่อยู่"))


def test_a_host_the_administrator_names_is_allowed_on_any_port(settings):
    settings.OLD_SITE_PRIVATE_HOSTS = ["10.1.2.3"]
    assert address_refusal("http://10.1.2.3:8080/") == ""
    assert address_refusal("http://10.1.2.4/") != ""


@pytest.mark.parametrize(
    ("url", "path"),
    [
        (f"{OLD}/wp-content/uploads/2024/06/a.pdf", "/wp-content/uploads/2024/06/a.pdf"),
        ("/wp-content/uploads/a.pdf", "/wp-content/uploads/a.pdf"),
        ("http://old.hospital.example/wp-content/uploads/../../admin/x.png", ""),
        ("http://old.hospital.example/wp-content/uploads/%2e%2e/%2e%2e/admin/x.png", ""),
        ("http://old.hospital.example/x/wp-content/uploads/y.pdf", ""),
        ("http://old.hospital.example/internal/secret.pdf", ""),
        ("http://169.254.169.254/wp-content/uploads/a.pdf", ""),
        ("//elsewhere.example/wp-content/uploads/a.pdf", ""),
        ("file:///wp-content/uploads/a.pdf", ""),
    ],
)  # fmt: skip
def test_only_the_old_site_s_uploads_are_fetched(url, path, tmp_path, settings):
    settings.OLD_SITE_PRIVATE_HOSTS = ["127.0.0.1"]
    fetcher = Fetcher(OLD, "http://127.0.0.1:9", UploadPolicy.default(), tmp_path)
    assert fetcher.uploads_path(url) == path


def test_a_file_is_asked_of_the_address_given_and_refused_with_the_policy_s_reason(
    old_site_server,  # noqa: F811
    tmp_path,
):
    fetcher = Fetcher(OLD, old_site_server, UploadPolicy.default(), tmp_path)
    pdf = fetcher.fetch(f"{OLD}/wp-content/uploads/2024/06/procurement-announcement.pdf")
    assert pdf.refusal == "" and pdf.path.read_bytes().startswith(b"%PDF-")
    missing = fetcher.fetch(f"{OLD}/wp-content/uploads/2024/06/gone.pdf")
    # The other side's answer (404 here) is not repeated: it would map the network.
    assert missing.refusal == "ดึงไฟล์จากเว็บไซต์เดิมไม่ได้"
    outside = fetcher.fetch(f"{OLD}/wp-content/uploads/../../etc/passwd.pdf")
    assert outside.refusal == "ดึงเฉพาะไฟล์ที่อัปโหลดไว้ในเว็บไซต์เดิม" and outside.path is None


def test_a_picture_of_more_pixels_than_the_site_draws_is_refused(tmp_path, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000_000
    path = tmp_path / "huge.png"
    Image.new("1", (2000, 1000)).save(path)
    with pytest.raises(ValidationError) as refused:
        _check_picture(path, "huge.png")
    assert refused.value.messages == [
        "ไม่รับภาพ “huge.png” เพราะมีขนาด 2000 × 1000 พิกเซล เกิน 1 ล้านพิกเซลที่ภาพหนึ่งมีได้"
    ]


def test_an_import_fetches_a_bounded_number_of_files(old_site_server, tmp_path):  # noqa: F811
    fetcher = Fetcher(OLD, old_site_server, UploadPolicy.default(), tmp_path, max_files=2)
    uploads = f"{OLD}/wp-content/uploads/2024"
    first = fetcher.fetch(f"{uploads}/06/procurement-announcement.pdf")
    second = fetcher.fetch(f"{uploads}/06/price-quotation-form.docx")
    third = fetcher.fetch(f"{uploads}/03/elderly-clinic.jpg")
    assert first.refusal == second.refusal == ""
    assert third.refusal == (
        "ไม่ได้ดึงไฟล์นี้ เพราะการนำเข้าแต่ละครั้งดึงไฟล์ได้ไม่เกิน 2 ไฟล์ นำไฟล์ที่เหลือเข้ามาด้วยไฟล์ส่งออกอีกชุดหนึ่ง"
    )
