"""The home page's announcement in Chromium: it opens over the page as a dialog, closes with
Escape or its button, and stays closed for the rest of the day in that browser."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Site

from prakat.agency.identity import Identity

pytestmark = [pytest.mark.browser, pytest.mark.database_neutral]

STATIC = Path(settings.BASE_DIR) / "prakat" / "static"
ORIGIN = "http://prakat.test"


def serve(page, html: str) -> None:
    """``html`` as the page at the origin's ``/``, with the site's own static files: the page
    the app drew, in a real browser, without starting a server."""

    def answer(route) -> None:
        path = route.request.url.removeprefix(ORIGIN).split("?")[0]
        if path == "/":
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif path.startswith("/static/") and (STATIC / path.removeprefix("/static/")).is_file():
            route.fulfill(path=STATIC / path.removeprefix("/static/"))
        else:
            route.fulfill(status=404, body="")

    page.route(f"{ORIGIN}/**", answer)


def test_the_announcement_opens_once_a_day(client, built_site, browser_page):
    home = built_site.home
    since = timezone.now() - datetime.timedelta(hours=1)
    home.body = [{"type": "popup", "value": {
        "title": "วันพ่อแห่งชาติ 5 ธันวาคม", "text": "ขอเชิญร่วมกิจกรรมเฉลิมพระเกียรติ",
        "image": None, "alt": "", "link": "/e-services/", "show_from": since,
        "show_until": None}}]  # fmt: skip
    home.save_revision().publish()
    page = browser_page
    serve(page, client.get("/").content.decode())
    page.goto(f"{ORIGIN}/")
    dialog = page.locator("dialog.popup")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="วันพ่อแห่งชาติ 5 ธันวาคม")).to_be_visible()
    expect(dialog.get_by_role("button", name="เข้าสู่เว็บไซต์")).to_be_focused()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    page.reload()
    page.wait_for_load_state("load")
    expect(dialog).to_be_hidden()  # closed today: not again
    page.context.clear_cookies()
    page.reload()
    expect(dialog).to_be_visible()  # a browser that has not closed it today sees it
    dialog.get_by_role("button", name="เข้าสู่เว็บไซต์").click()
    expect(dialog).to_be_hidden()


def test_a_site_in_mourning_stays_accessible(client, built_site, browser_page):
    identity = Identity.for_site(Site.objects.get(is_default_site=True))
    identity.mourning_from = timezone.now() - datetime.timedelta(hours=1)
    identity.save()
    page = browser_page
    serve(page, client.get("/").content.decode())
    page.goto(f"{ORIGIN}/")
    expect(page.get_by_role("img", name="หน่วยงานร่วมแสดงความอาลัย")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.documentElement).filter") == "grayscale(1)"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_an_important_day_s_intro_page_fills_the_screen(client, built_site, browser_page):
    """The announcement as an intro page: the whole screen, accessible, closed into the site."""
    home = built_site.home
    since = timezone.now() - datetime.timedelta(hours=1)
    home.body = [{"type": "popup", "value": {
        "title": "วันคล้ายวันพระบรมราชสมภพ", "text": "ทรงพระเจริญ", "image": None, "alt": "",
        "link": "", "show_from": since, "show_until": None, "full_screen": True}}]  # fmt: skip
    home.save_revision().publish()
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    serve(page, client.get("/").content.decode())
    page.goto(f"{ORIGIN}/")
    dialog = page.locator("dialog.popup--intro")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert (round(box["width"]), round(box["height"])) == (1280, 800)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    dialog.get_by_role("button", name="เข้าสู่เว็บไซต์").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
