"""Three people and one request, in Chromium: ask, send back, fix, approve, publish."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prakat.content.tests import helpers
from prakat.tests.guide import screenshot
from prakat.thai.dates import format_date

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(chromium):
    """A factory of separate browser sessions, one per person."""
    contexts = []

    def open_tab():
        context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def choose_category(page, title: str) -> None:
    option = page.locator("#id_category option", has_text=title).first
    page.locator("#id_category").select_option(option.get_attribute("value"))


def test_request_from_asking_to_publication(app_server, tab, tmp_path):
    attachment = tmp_path / "กำหนดการรับบริจาคโลหิต.pdf"
    attachment.write_bytes(helpers.pdf_bytes())
    title = "ขอเชิญร่วมบริจาคโลหิต ประจำเดือนธันวาคม 2569"

    # The requester fills the request form.
    requester = tab()
    app_server.sign_in(requester, "requester")
    requester.get_by_role("link", name="ยื่นคำขอเผยแพร่ข้อมูล").first.click()
    choose_category(requester, "ข่าวสารทั่วไป")
    requester.get_by_label("หัวข้อ").fill(title)
    requester.get_by_label("รายละเอียดข้อมูล (โดยสรุป)").fill("ณ ห้องรับบริจาคโลหิต")
    requester.locator("#id_files").set_input_files(str(attachment))
    screenshot(requester, "01-request-form")
    requester.get_by_role("button", name="ยื่นคำขอ").click()
    requester.get_by_text("รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ").first.wait_for()
    request_url = requester.url

    # The unit head sends it back with a reason.
    head = tab()
    app_server.sign_in(head, "unithead")
    head.goto(app_server.url("/admin/publishing/"))
    screenshot(head, "02-waiting-for-you")
    head.get_by_role("link", name=title).first.click()
    head.get_by_label("อื่น ๆ").check()
    head.get_by_label("คำชี้แจงถึงผู้ให้ข้อมูล").fill("โปรดระบุเวลาเปิดรับบริจาค")
    screenshot(head, "03-send-back-with-a-reason")
    head.get_by_role("button", name="ส่งกลับแก้ไข").click()
    head.get_by_text("บันทึกผลการพิจารณาแล้ว").wait_for()

    # The requester reads why, fixes it and sends it again.
    requester.goto(app_server.url("/admin/publishing/notifications/"))
    expect(requester.get_by_text("โปรดระบุเวลาเปิดรับบริจาค").first).to_be_visible()
    screenshot(requester, "04-notifications")
    requester.goto(request_url)
    requester.get_by_role("link", name="แก้ไขและส่งใหม่").click()
    requester.get_by_label("รายละเอียดข้อมูล (โดยสรุป)").fill("ณ ห้องรับบริจาคโลหิต เวลา 08.30–15.30 น.")
    requester.get_by_role("button", name="ส่งใหม่").click()
    requester.get_by_text("ส่งคำขอใหม่แล้ว").wait_for()

    # The unit head approves.
    head.goto(request_url)
    head.get_by_role("button", name="อนุมัติ").click()
    head.get_by_text("บันทึกผลการพิจารณาแล้ว").wait_for()

    # A webmaster publishes.
    webmaster = tab()
    app_server.sign_in(webmaster, "webmaster")
    webmaster.goto(request_url)
    # The attachment has no text layer (a scan): the webmaster is warned and confirms.
    expect(webmaster.get_by_text("ภาพสแกน").first).to_be_visible()
    webmaster.get_by_role("button", name="เผยแพร่").click()
    webmaster.get_by_text("พบข้อมูลส่วนบุคคล 1 รายการ").wait_for()
    webmaster.get_by_label("ข้าพเจ้าตรวจสอบข้อมูลส่วนบุคคลที่พบข้างต้นแล้ว").check()
    screenshot(webmaster, "05-publish")
    webmaster.get_by_role("button", name="เผยแพร่").click()
    webmaster.get_by_text("บันทึกผลการพิจารณาแล้ว").wait_for()
    expect(webmaster.get_by_text("ณัฐพล ศรีสวัสดิ์, นักวิชาการคอมพิวเตอร์ปฏิบัติการ").first).to_be_visible()

    # The requester is told, with the public link, and the public sees the item.
    requester.goto(app_server.url("/admin/publishing/notifications/"))
    published = requester.get_by_text("เผยแพร่แล้วโดย").first
    expect(published).to_be_visible()
    requester.get_by_role("link", name="เปิด").first.click()
    requester.wait_for_load_state()
    assert requester.locator("h1").inner_text() == title
    metadata = requester.locator(".item-metadata").inner_text()
    assert "งานประชาสัมพันธ์" in metadata
    assert "เวลา 08.30–15.30 น." in requester.locator(".item-body").inner_text()
    assert "(PDF," in requester.locator(".attachments").inner_text()
    screenshot(requester, "06-published-item")


def ask(page, app_server, title: str, *, urgent: bool = False) -> str:
    """The requester asks to publish a news item; returns the request's address."""
    app_server.sign_in(page, "requester")
    page.goto(app_server.url("/admin/publishing/new/"))
    choose_category(page, "ข่าวสารทั่วไป")
    page.get_by_label("หัวข้อ").fill(title)
    page.get_by_label("รายละเอียดข้อมูล (โดยสรุป)").fill("รายละเอียดข่าว")
    if urgent:
        page.get_by_label("เร่งด่วน").check()
    page.get_by_role("button", name="ยื่นคำขอ").click()
    page.get_by_text("ส่งคำขอ").first.wait_for()
    return page.url


def decide(page, app_server, username: str, url: str, button: str) -> None:
    app_server.sign_in(page, username)
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    wait_for_decision(page)


def wait_for_decision(page) -> None:
    """The confirmation after a decision; on a loaded test machine publishing can take a while,
    and when it does not come the failure shows what the person saw instead."""
    try:
        page.get_by_text("บันทึกผลการพิจารณาแล้ว").wait_for(timeout=45_000)
    except Exception as error:
        seen = page.locator("main").inner_text() if page.locator("main").count() else ""
        raise AssertionError(f"no confirmation at {page.url}; the page shows:\n{seen}") from error


def test_with_director_approval_switched_on(app_server, tab):
    app_server.manage(
        "shell", "-c",
        "from prakat.agency.models import Agency; a = Agency.current(); "
        "a.director_approval_required = True; a.save()",
    )  # fmt: skip
    try:
        title = "ประกาศผลการคัดเลือกบุคคล"
        url = ask(tab(), app_server, title)
        decide(tab(), app_server, "unithead", url, "อนุมัติ")
        director = tab()
        decide(director, app_server, "director", url, "อนุมัติ")
        steps = director.locator("table.listing").first.inner_text()
        assert "หัวหน้ากลุ่มงานอนุมัติ" in steps and "ผู้อำนวยการอนุมัติ" in steps
        decide(tab(), app_server, "webmaster", url, "เผยแพร่")
        public = tab()
        public.goto(app_server.url("/public-relations/pr-news/"))
        expect(public.get_by_role("link", name=title)).to_be_visible()
    finally:
        app_server.manage(
            "shell", "-c",
            "from prakat.agency.models import Agency; a = Agency.current(); "
            "a.director_approval_required = False; a.save()",
        )  # fmt: skip


def test_urgent_path_publishes_first_and_the_approval_is_written_after(app_server, tab):
    title = "แจ้งปิดให้บริการห้องตรวจชั่วคราว"
    url = ask(tab(), app_server, title, urgent=True)

    webmaster = tab()
    app_server.sign_in(webmaster, "webmaster")
    webmaster.goto(url)
    form = webmaster.locator("form:has(input[value=publish_urgent])")
    # Chosen as people sign: Thai name and position.
    form.get_by_label("ผู้อนุญาตทางวาจา").select_option(label="วิชัย มั่นคง, หัวหน้างานประชาสัมพันธ์")
    when = form.get_by_label("วันเวลาที่อนุญาตทางวาจา")
    spoken = timezone.localtime() - datetime.timedelta(minutes=30)
    # Typed without focusing the field: the date picker (tested on its own below) would open
    # on focus and could cover the button on a slow machine.
    when.evaluate(
        "(field, value) => { field.value = value; field.dispatchEvent(new Event('change')); }",
        f"{spoken:%d/%m}/{spoken.year + 543} {spoken:%H:%M}",
    )
    form.get_by_role("button", name="เผยแพร่ทันที (กรณีเร่งด่วน อนุญาตทางวาจา)").click()
    wait_for_decision(webmaster)
    expect(webmaster.get_by_text("ยังรอการอนุมัติเป็นลายลักษณ์อักษร")).to_be_visible()

    public = tab()
    public.goto(app_server.url("/public-relations/pr-news/"))
    expect(public.get_by_role("link", name=title)).to_be_visible()

    head = tab()
    app_server.sign_in(head, "unithead")
    head.goto(app_server.url("/admin/publishing/"))
    expect(head.get_by_role("heading", name="รายการที่ยังรอการอนุมัติเป็นลายลักษณ์อักษร")).to_be_visible()
    head.goto(url)
    head.get_by_role("button", name="ยืนยันการอนุมัติเป็นลายลักษณ์อักษร").click()
    head.get_by_text("บันทึกการอนุมัติเป็นลายลักษณ์อักษรแล้ว").wait_for()
    expect(head.get_by_text("อนุมัติเป็นลายลักษณ์อักษรโดย วิชัย มั่นคง เมื่อ")).to_be_visible()


def test_date_picker_speaks_buddhist_era(app_server, tab):
    today = datetime.date.today()
    page = tab()
    app_server.sign_in(page, "requester")
    page.goto(app_server.url("/admin/publishing/new/"))
    page.locator("#id_data_period_start").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    assert str(today.year + 543) in picker.locator(".xdsoft_year").inner_text()
    picker.locator(".xdsoft_date:not(.xdsoft_other_month)", has_text="15").first.click()
    assert page.locator("#id_data_period_start").input_value() == (
        f"15/{today:%m}/{today.year + 543}"
    )
    choose_category(page, "ข่าวสารทั่วไป")
    page.get_by_label("หัวข้อ").fill("ทดสอบวันที่ พ.ศ.")
    page.get_by_label("รายละเอียดข้อมูล (โดยสรุป)").fill("ทดสอบ")
    page.get_by_role("button", name="ยื่นคำขอ").click()
    page.get_by_text("ส่งคำขอ").first.wait_for()
    shown = format_date(today.replace(day=15))
    expect(page.get_by_text(f"ตั้งแต่ {shown}")).to_be_visible()
