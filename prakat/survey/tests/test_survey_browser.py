"""A citizen answers the satisfaction survey on a phone, in Chromium."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ALREADY = "ท่านได้ส่งแบบประเมินของวันนี้แล้ว ขอบคุณ"
CHOICES = [
    ("ข้อมูลเป็นปัจจุบัน", "มากที่สุด (5)"),
    ("ค้นหาข้อมูลได้ง่าย", "มาก (4)"),
    ("ใช้งานง่าย", "มากที่สุด (5)"),
    ("การออกแบบและการนำเสนอ", "ปานกลาง (3)"),
    ("ความพึงพอใจโดยรวม", "มากที่สุด (5)"),
]


def responses_shown(page) -> int:
    text = page.locator(".survey-count").inner_text()
    return int(re.search(r"ผู้ตอบแบบประเมิน (\d+) ราย", text).group(1))


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_fits_the_phone(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px on a phone"


def test_a_citizen_answers_on_a_phone_and_the_results_change(app_server, chromium):
    context = chromium.new_context(
        viewport={"width": 360, "height": 740}, locale="th-TH", timezone_id="Asia/Bangkok"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(app_server.url("/survey/results/"))
    before = responses_shown(page)

    # A second tab left open on the form, as when someone goes back and sends again later.
    later = context.new_page()
    later.goto(app_server.url("/survey/"))

    page.goto(app_server.url("/"))
    page.get_by_role("link", name="ประเมินความพึงพอใจต่อเว็บไซต์").click()
    page.wait_for_url(re.compile(r"/survey/$"))
    expect(page.get_by_role("heading", name="ข้อมูลส่วนบุคคลของท่าน")).to_be_visible()
    assert_fits_the_phone(page)
    assert_accessible(page)

    # Sent without an answer: each question says what it needs, and the comment stays.
    page.get_by_label("ความคิดเห็นหรือข้อเสนอแนะ (ไม่บังคับ)").fill("อยากให้มีเมนูนัดหมายออนไลน์")
    page.get_by_role("button", name="ส่งแบบประเมิน").click()
    expect(
        page.get_by_role("alert").get_by_text(
            "โปรดเลือกระดับความพึงพอใจในหัวข้อ “ความพึงพอใจโดยรวม”: ทุกหัวข้อต้องตอบ"
        )
    ).to_be_visible()
    assert page.get_by_label("ความคิดเห็นหรือข้อเสนอแนะ (ไม่บังคับ)").input_value() == (
        "อยากให้มีเมนูนัดหมายออนไลน์"
    )
    assert_accessible(page)

    for question, level in CHOICES:
        page.get_by_role("group", name=re.compile(question)).get_by_role(
            "radio", name=level
        ).check()
    page.get_by_role("button", name="ส่งแบบประเมิน").click()
    page.wait_for_url(re.compile(r"/survey/thanks/$"))
    expect(page.get_by_role("heading", name="ขอบคุณที่ร่วมตอบแบบประเมิน")).to_be_visible()

    page.get_by_role("link", name="ดูผลการประเมินความพึงพอใจ").click()
    page.wait_for_url(re.compile(r"/survey/results/"))
    assert responses_shown(page) == before + 1
    overall = page.get_by_role("row", name=re.compile("ความพึงพอใจโดยรวม"))
    assert overall.get_by_role("cell").nth(0).inner_text() != "–"
    if before == 0:
        assert overall.get_by_role("cell").nth(0).inner_text() == "5.00"
        assert page.locator(".survey-bars li").first.inner_text().endswith("5.00")
    assert_fits_the_phone(page)
    assert_accessible(page)

    # The same person, the same day: refused politely, and the count stays.
    for question, level in CHOICES:
        later.get_by_role("group", name=re.compile(question)).get_by_role(
            "radio", name=level
        ).check()
    later.get_by_role("button", name="ส่งแบบประเมิน").click()
    expect(later.get_by_text(ALREADY)).to_be_visible()
    page.reload()
    assert responses_shown(page) == before + 1
    context.close()
