"""Every error page the public can reach is Thai and dressed like the public site, with
Django's debug pages off: a body too large, a form without its protection token, a host the
site does not serve, a page not there, a page refused, and a fault, which must show its page
even when the database is what failed."""

import pytest
from django.template.loader import render_to_string
from django.test import Client

from prakat.conftest import TEST_AGENCY_NAME

pytestmark = pytest.mark.database_neutral

SURVEY = {"current": "5", "findable": "4", "easy_to_use": "3", "design": "4", "overall": "5"}


@pytest.fixture(autouse=True)
def _urls_with_faults(settings):
    assert settings.DEBUG is False
    settings.ROOT_URLCONF = "prakat.tests.error_urls"


def assert_public_thai_page(response, status: int, *thai: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="th">' in html
    assert "/static/css/site.css" in html  # the public site's own style
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert "กลับสู่หน้าแรก" in html
    for text in thai:
        assert text in html, text
    assert "Bad Request" not in html and "Forbidden" not in html and "CSRF" not in html
    return html


def test_a_body_over_the_limit_is_told_in_thai_with_the_limit(built_site, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    client = Client(enforce_csrf_checks=True)  # as a browser is treated
    assert client.get("/survey/").status_code == 200  # the form, and its protection cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/survey/", {**SURVEY, "comment": "ก" * 3_000_000, "csrfmiddlewaretoken": token}
    )
    html = assert_public_thai_page(
        response,
        400,
        "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไป",
        "ส่งได้ไม่เกิน 2.5\xa0MB",  # 2.5 MB, kept on one line
    )
    assert TEST_AGENCY_NAME in html  # drawn with the request: the agency's own header


def test_a_form_without_its_protection_token_is_refused_in_thai(built_site):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/survey/", {**SURVEY, "comment": "ดีมาก"})
    html = assert_public_thai_page(
        response, 403, "ไม่สามารถรับแบบฟอร์มนี้ได้", "โหลดหน้าใหม่ แล้วส่งแบบฟอร์มอีกครั้ง"
    )
    assert TEST_AGENCY_NAME in html


def test_a_host_the_site_does_not_serve_gets_the_thai_400_page(built_site):
    response = Client().get("/", HTTP_HOST="evil.example")
    assert_public_thai_page(response, 400, "ไม่สามารถรับคำขอนี้ได้", "กรุณาย้อนกลับแล้วลองใหม่")


def test_an_unknown_address_gets_the_thai_404_page(built_site):
    response = Client().get("/no-such-page/")
    html = assert_public_thai_page(response, 404, "ไม่พบหน้าที่ต้องการ")
    assert TEST_AGENCY_NAME in html


def test_a_refused_page_gets_the_thai_403_page(built_site):
    response = Client().get("/test-forbidden/")
    assert_public_thai_page(response, 403, "ไม่อนุญาตให้เข้าถึง")


def test_a_fault_gets_the_thai_500_page_without_touching_the_database():
    # No database for this test: any query would itself fail, and the page would not show.
    response = Client(raise_request_exception=False).get("/test-broken/")
    assert_public_thai_page(response, 500, "ขออภัย ระบบขัดข้อง", "โปรดลองใหม่อีกครั้ง")


def test_the_500_page_renders_with_no_request_and_no_database(django_db_blocker):
    with django_db_blocker.block():
        html = render_to_string("500.html")
    assert '<html lang="th">' in html and "ขออภัย ระบบขัดข้อง" in html
    assert "/static/css/site.css" in html
