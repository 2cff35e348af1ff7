"""Complaints as a citizen and the staff meet them, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from prakat.content.tests.helpers import pdf_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def new_tab(chromium):
    """Each person in a browser of their own: nobody shares a session."""
    contexts = []

    def make():
        context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def send_complaint(app_server, page, kind: str, subject: str, details: str, files=None) -> str:
    page.goto(app_server.url("/e-services/"))
    page.get_by_role("main").get_by_role("link", name=re.compile("^ร้องเรียน")).click()
    page.get_by_label(kind).check()
    page.get_by_role("textbox", name=re.compile(r"^เรื่อง\s*\(ต้องกรอก\)")).fill(subject)
    page.get_by_label("รายละเอียด").fill(details)
    if files:
        page.get_by_label("ไฟล์แนบ (ถ้ามี)").set_input_files(files)
    expect(page.get_by_role("heading", name="ข้อมูลส่วนบุคคลของท่าน")).to_be_visible()
    page.get_by_role("button", name="ส่งเรื่องร้องเรียน").click()
    page.wait_for_url(re.compile(r"/e-services/thank-you/"))
    code = page.locator("[data-tracking-code]").inner_text()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}", code)
    return code


def look_up(app_server, page, code: str) -> None:
    page.goto(app_server.url("/e-services/track/"))
    page.get_by_label("รหัสติดตามเรื่อง").fill(code)
    page.get_by_role("button", name="ดูสถานะ").click()


def test_a_citizen_complains_staff_reply_and_the_citizen_reads_the_reply(app_server, new_tab):
    citizen = new_tab()
    subject = "รอรับยานานกว่าสองชั่วโมง"
    code = send_complaint(
        app_server, citizen, "เรื่องร้องเรียนทั่วไป / การให้บริการ", subject,
        "ที่ห้องจ่ายยา วันจันทร์ที่ผ่านมา ไม่มีการเรียกคิวตามลำดับ",
    )  # fmt: skip

    look_up(app_server, citizen, code.lower())
    assert citizen.locator("[data-status]").inner_text() == "รับเรื่องแล้ว"
    assert "ยังไม่มีคำตอบ" in citizen.content()

    staff = new_tab()
    app_server.sign_in(staff, "webmaster")
    staff.goto(app_server.url("/admin/e-services/"))
    staff.get_by_role("link", name=code).click()
    staff.get_by_role("heading", name=re.compile(code)).wait_for()
    staff.get_by_label("ตอบกลับผู้ร้อง").fill("ได้ปรับระบบเรียกคิวที่ห้องจ่ายยาแล้ว ขออภัยในความไม่สะดวก")
    staff.get_by_label("บันทึกภายใน (ถ้ามี)").fill("ประสานหัวหน้าห้องยาแล้ว")
    staff.get_by_role("button", name="ส่งคำตอบ").click()
    history = staff.locator("tr[data-event]")
    expect(history).to_have_count(3)  # received, replied, note
    assert "ณัฐพล ศรีสวัสดิ์" in history.nth(1).inner_text()
    assert re.search(r"25\d\d เวลา \d\d:\d\d", history.nth(1).inner_text())

    look_up(app_server, citizen, code)
    assert citizen.locator("[data-status]").inner_text() == "ตอบกลับแล้ว"
    assert citizen.locator("[data-reply]").inner_text().startswith("ได้ปรับระบบเรียกคิว")
    assert "ประสานหัวหน้าห้องยาแล้ว" not in citizen.content()  # the internal note stays inside
    assert "ณัฐพล" not in citizen.content()


def test_a_wrong_code_reveals_nothing(app_server, new_tab):
    page = new_tab()
    look_up(app_server, page, "ABCD-EFGH-JK")
    assert page.get_by_role("alert").inner_text() == ("ไม่พบเรื่องตามรหัสนี้ กรุณาตรวจสอบรหัสแล้วลองอีกครั้ง")
    assert page.locator("[data-status]").count() == 0
    look_up(app_server, page, "ไม่ใช่รหัส")
    assert page.get_by_role("alert").inner_text() == ("ไม่พบเรื่องตามรหัสนี้ กรุณาตรวจสอบรหัสแล้วลองอีกครั้ง")


def test_a_corruption_complaint_is_seen_only_by_the_named_person(app_server, new_tab, tmp_path):
    evidence = tmp_path / "หลักฐาน.pdf"
    evidence.write_bytes(pdf_bytes())
    citizen = new_tab()
    code = send_complaint(
        app_server, citizen, "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
        "เรียกรับเงินเพื่อลัดคิว", "เจ้าหน้าที่เรียกเงินห้าร้อยบาทเพื่อให้ได้ตรวจก่อน",
        files=[str(evidence)],
    )  # fmt: skip

    administrator = new_tab()
    app_server.sign_in(administrator, "itadmin")
    # The earlier address leads to the setting, under Settings.
    administrator.goto(app_server.url("/admin/e-services/handlers/"))
    administrator.get_by_label("อรุณี ทองดี").check()
    administrator.get_by_role("button", name="บันทึก").click()
    expect(administrator.get_by_text("ผู้รับเรื่องร้องเรียนการทุจริต ถูกอัปเดต")).to_be_visible()
    expect(administrator.get_by_label("อรุณี ทองดี")).to_be_checked()
    # The administrator named someone else, and so does not see it either.
    administrator.goto(app_server.url("/admin/e-services/"))
    assert administrator.get_by_role("link", name=code).count() == 0

    named = new_tab()
    app_server.sign_in(named, "executive")
    named.goto(app_server.url("/admin/e-services/"))
    named.get_by_role("link", name=code).click()
    detail_url = named.url
    attachment_url = named.get_by_role("link", name="หลักฐาน.pdf").get_attribute("href")
    download = named.request.get(app_server.url(attachment_url))
    assert download.ok and download.body() == pdf_bytes()

    webmaster = new_tab()
    app_server.sign_in(webmaster, "webmaster")
    webmaster.goto(app_server.url("/admin/e-services/"))
    assert webmaster.get_by_role("link", name=code).count() == 0
    assert "เรียกรับเงินเพื่อลัดคิว" not in webmaster.content()
    assert webmaster.goto(detail_url).status == 404
    assert webmaster.request.get(app_server.url(attachment_url)).status == 404
    director = new_tab()
    app_server.sign_in(director, "director")
    assert director.goto(detail_url).status == 404
    assert director.request.get(app_server.url(attachment_url)).status == 404
