"""The public site and the upload policy as people meet them, in Chromium."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from prakat.content.checklist import load_checklist
from prakat.content.filesize import human_size
from prakat.content.tests import helpers
from prakat.tests.guide import screenshot

pytestmark = pytest.mark.browser

ITEM_PATH = "/general/history/history-kamphaeng-phet-hospital/"


def test_home_page_shows_the_agency_and_every_top_category(app_server, browser_page):
    browser_page.goto(app_server.url("/"))
    assert browser_page.locator("h1").inner_text() == "โรงพยาบาลกำแพงเพชร"
    assert "โรงพยาบาลกำแพงเพชร" in browser_page.title()
    navigation = browser_page.get_by_role("navigation", name="หมวดหมู่หลัก")
    titles = [e.title_th for e in load_checklist().top()]
    # The checklist's categories, then the general page the demo's webmaster put in the menu.
    assert navigation.get_by_role("link").all_inner_texts() == [*titles, "บริการและเวลาทำการ"]


def test_item_shows_its_metadata_and_the_attachment_type_and_size(app_server, browser_page):
    browser_page.goto(app_server.url(ITEM_PATH))
    metadata = browser_page.locator(".item-metadata")
    assert "แหล่งที่มา (หน่วยงานเจ้าของข้อมูล)" in metadata.inner_text()
    assert "กลุ่มงานยุทธศาสตร์และแผนงานโครงการ" in metadata.inner_text()
    assert "15 มกราคม 2568" in metadata.inner_text()
    attachment = browser_page.locator(".attachments li").first
    link = attachment.get_by_role("link")
    assert link.inner_text() == "ประวัติความเป็นมาโรงพยาบาลกำแพงเพชร"
    shown = attachment.locator(".file-meta").inner_text()
    download = browser_page.request.get(app_server.url(link.get_attribute("href")))
    assert download.ok
    assert download.body().startswith(b"%PDF")
    assert shown == f"(PDF, {human_size(len(download.body()))})"


def test_staff_uploading_a_5_mb_pdf_sees_the_thai_refusal(app_server, browser_page, tmp_path):
    webmaster = app_server.accounts["webmaster"]
    big = tmp_path / "รายงานประจำปี.pdf"
    big.write_bytes(helpers.pdf_bytes(pad_to=5 * 1024 * 1024))
    before = sorted(p.name for p in app_server.media_dir.rglob("*") if p.is_file())

    app_server.sign_in(browser_page, webmaster.username)

    browser_page.goto(app_server.url("/admin/documents/add/"))
    browser_page.locator("#id_file").set_input_files(str(big))
    browser_page.locator("#id_title").fill("รายงานประจำปี 2569")
    browser_page.locator("form:has(#id_file) button[type=submit]").click()
    browser_page.wait_for_load_state("load")

    refusal = browser_page.get_by_text("เกินขนาดสูงสุดที่อนุญาต ไฟล์ละไม่เกิน 4 MB")
    expect(refusal).to_be_visible()
    assert "เพราะมีขนาด 5 MB" in refusal.inner_text()
    assert browser_page.locator("#id_title").input_value() == "รายงานประจำปี 2569"
    after = sorted(p.name for p in app_server.media_dir.rglob("*") if p.is_file())
    assert after == before


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/general/",
        "/public-relations/pr-news/",
        ITEM_PATH,
        "/search/?q=โรงพยาบาล",
        "/publishing-guideline/",
        "/statistics/visitor-statistics/",
        "/statistics/satisfaction/",
        "/information-centre/",
        "/general/executives/",
        "/survey/",
        "/survey/results/",
        "/e-services/",
        "/e-services/complaint/",
        "/e-services/question/",
        "/e-services/thank-you/",
        "/e-services/track/",
        "/e-services/questions/",
        "/privacy/",
        "/services/",
        "/services/clinics/",
        "/calendar/",
        "/clinics/",
        "/downloads/",
        "/en/",
        "/en/contact/",
    ],
)
def test_public_pages_have_no_accessibility_violations(app_server, browser_page, path):
    browser_page.goto(app_server.url(path))
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_a_foreign_patient_finds_the_english_pages_from_the_thai_home(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url("/"))
    screenshot(page, "07-home-page")
    page.goto(app_server.url("/services/"))
    expect(page.locator("h1")).to_have_text("บริการและเวลาทำการ")
    screenshot(page, "12-services-page")
    page.goto(app_server.url("/"))
    page.get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(re.compile(r"/en/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_have_text("Kamphaeng Phet Hospital")
    menu = page.get_by_role("navigation", name="Main menu")
    assert menu.get_by_role("link").all_inner_texts() == [
        "Home",
        "About us",
        "Services and opening hours",
        "Contact us",
        "How to make a complaint",
    ]
    screenshot(page, "08-english-pages")
    menu.get_by_role("link", name="Contact us").click()
    expect(page.locator("h1")).to_have_text("Contact us")
    expect(page.locator("main")).to_contain_text("Telephone: 0 5571 4223")
    page.get_by_role("link", name="ภาษาไทย", exact=True).click()
    page.wait_for_url(app_server.url("/"))
    assert page.locator("html").get_attribute("lang") == "th"


def test_search_box_finds_an_item(app_server, browser_page):
    browser_page.goto(app_server.url("/"))
    browser_page.get_by_role("searchbox", name="ค้นหาในเว็บไซต์").fill("เดือนพฤศจิกายน")
    browser_page.get_by_role("search").get_by_role("button", name="ค้นหา").click()
    browser_page.wait_for_url(re.compile(r"/search/"))
    expect(
        browser_page.get_by_role("link", name="ขอเชิญร่วมบริจาคโลหิต เดือนพฤศจิกายน 2569")
    ).to_be_visible()


def test_pages_fit_a_phone_screen(app_server, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    page = context.new_page()
    for path in ["/", ITEM_PATH, "/public-relations/pr-news/"]:
        page.goto(app_server.url(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
        expect(page.get_by_role("searchbox", name="ค้นหาในเว็บไซต์")).to_be_visible()
    context.close()


def test_an_album_photo_opens_in_a_dialog_and_the_arrow_keys_move_through_it(
    app_server, browser_page
):
    """The demo's blood-donation news: its cover credited, its album's photos opened one by
    one in a dialog, by mouse and keyboard, and closed back to the thumbnail."""
    page = browser_page
    page.goto(app_server.url("/public-relations/pr-news/"))
    page.get_by_role("link", name="ขอเชิญร่วมบริจาคโลหิต เดือนพฤศจิกายน 2569").click()
    expect(page.locator(".item-cover-picture figcaption")).to_have_text("ภาพ: งานประชาสัมพันธ์")
    assert Axe().run(page).violations_count == 0
    screenshot(page, "11-news-with-pictures")
    page.locator(".album-link").first.click()
    dialog = page.locator("dialog.lightbox")
    photo = dialog.locator("img")
    expect(dialog).to_be_visible()
    expect(photo).to_have_attribute("alt", "ผู้บริจาคโลหิตลงทะเบียนที่เต็นท์หน้าโรงพยาบาล")
    expect(dialog.locator("figcaption")).to_have_text(
        "ผู้บริจาคโลหิตลงทะเบียนที่เต็นท์หน้าโรงพยาบาล — ภาพ: งานประชาสัมพันธ์"
    )
    expect(dialog.locator(".lightbox-close")).to_be_focused()
    page.wait_for_function("() => document.querySelector('dialog.lightbox img').naturalWidth > 0")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("ArrowRight")
    expect(photo).to_have_attribute("alt", "เจ้าหน้าที่ตรวจความเข้มข้นของเลือดก่อนบริจาค")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")  # from the first, round to the last
    expect(photo).to_have_attribute("alt", "ผู้บริจาครับของที่ระลึกหลังบริจาคโลหิต")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(".album-link").nth(2)).to_be_focused()


def test_the_home_page_s_map_is_framed_and_other_sites_frames_are_refused(app_server, browser_page):
    refused = []
    browser_page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security" in message.text else 0,
    )
    browser_page.goto(app_server.url("/"))
    frame = browser_page.locator("iframe.embedded--map")
    expect(frame).to_have_attribute("title", "แผนที่การเดินทาง")
    src = frame.get_attribute("src")
    assert src.startswith("https://www.openstreetmap.org/export/embed.html?bbox=")
    browser_page.get_by_role("heading", name="แผนที่การเดินทาง").wait_for()
    assert refused == []
    # A frame from a site the agency has not allowed (one a visitor's comment or a
    # changed page might carry) is refused by the browser.
    browser_page.evaluate(
        """() => { const f = document.createElement('iframe');
        f.src = 'https://www.example.com/'; f.title = 'x'; document.body.append(f); }"""
    )
    for _ in range(50):  # the refusal is written once the frame is tried
        if any("frame-src" in text and "www.example.com" in text for text in refused):
            break
        browser_page.wait_for_timeout(100)
    assert any("frame-src" in text and "www.example.com" in text for text in refused), refused
