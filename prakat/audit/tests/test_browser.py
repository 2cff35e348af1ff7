"""The auditor's two screens in Chromium: the audit report shows their own sign-in with the
address, the traffic log screen lists its form; both in Thai."""

import pytest
from playwright.sync_api import expect

from prakat.thai.tests.test_admin_in_thai import KEPT_IN_ENGLISH, VISIBLE_TEXT, english_words

pytestmark = pytest.mark.browser


def test_the_auditor_sees_their_sign_in_with_the_address_in_thai(app_server, browser_page):
    page = browser_page
    app_server.sign_in(page, "auditor")
    page.goto(app_server.url("/admin/audit-log/"))
    row = page.locator("tr", has_text="เข้าสู่ระบบแล้ว").first
    assert "127.0.0.1" in row.inner_text()
    allowed = KEPT_IN_ENGLISH | set(app_server.accounts) | {"CSV", "XLSX", "SHA"}
    assert english_words(page.evaluate(VISIBLE_TEXT), allowed, []) == set()

    page.goto(app_server.url("/admin/traffic-log/"))
    expect(page.get_by_role("heading", name="ส่งออกตามคำขอของพนักงานเจ้าหน้าที่")).to_be_visible()
    assert english_words(page.evaluate(VISIBLE_TEXT), allowed, []) == set()


def test_a_webmaster_is_told_who_may_read_the_traffic_log(app_server, browser_page):
    app_server.sign_in(browser_page, "webmaster")
    response = browser_page.goto(app_server.url("/admin/traffic-log/"))
    assert response.status == 403
    text = browser_page.locator("main").inner_text()
    assert "หน้านี้สำหรับผู้ที่มีสิทธิ์ “อ่านและส่งออกข้อมูลจราจรทางคอมพิวเตอร์”" in text
    assert "บทบาทที่มีสิทธิ์นี้: ผู้ตรวจประเมิน" in text
