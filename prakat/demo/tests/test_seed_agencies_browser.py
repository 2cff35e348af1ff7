"""Each seed agency runs its own guideline, in Chromium, with its own people: every route of its
responsibility matrix from the request to the public page, a send-back at every step, and the
urgent path with each step's approval given in writing afterwards by whoever holds it.

The routes, people and labels below are written from the seeds (../shared/seeds/), not read
from playwright.sync_api import expect
from the demo's configuration: Kamphaeng Phet's legal, HR and procurement units approve and
publish their own categories, its IT centre the rest; Hot Hospital's director approves every
request after the unit head; Mueang Loei's district health officer, who heads the whole office,
"considers and permits" every request.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prakat.browser import serve_app
from prakat.publishing.tests.test_browser import choose_category, wait_for_decision

pytestmark = pytest.mark.browser

APPROVE, PUBLISH, SEND_BACK = "อนุมัติ", "เผยแพร่", "ส่งกลับแก้ไข"


@dataclass(frozen=True)
class Route:
    """A category's way through an agency: who asks, who acts at each step (and the button
    that passes the step), and where the public finds the item."""

    category: str
    public_path: str
    asker: str
    steps: tuple[tuple[str, str], ...]
    source: str = ""  # laws cite where they come from


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    routes: tuple[Route, ...]
    # The status a new request shows: the agency's first step, as it names it.
    first_status: str
    # Who may approve the urgent path verbally and owes it in writing: (username, as chosen).
    verbal_approvers: tuple[tuple[str, str], ...]


NEWS = "ข่าวสารทั่วไป"
NEWS_PATH = "/public-relations/pr-news/"
LAWS = "กฎหมาย ระเบียบ ข้อบังคับที่เกี่ยวข้องกับหน่วยงาน"

AGENCIES = {
    a.key: a
    for a in (
        Agency(
            key="kamphaeng-phet",
            name="โรงพยาบาลกำแพงเพชร",
            routes=(
                Route(NEWS, NEWS_PATH, "requester",
                      (("unithead", APPROVE), ("webmaster", PUBLISH))),
                Route(LAWS, "/laws/", "legal",
                      (("legalhead", APPROVE), ("legalpub", PUBLISH)),
                      source="ราชกิจจานุเบกษา"),
                Route("ประกาศรับสมัครงาน", "/public-relations/pr-jobs/", "hr",
                      (("hrhead", APPROVE), ("hrpub", PUBLISH))),
                Route("การจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "/public-relations/procurement/",
                      "procure", (("procurehead", APPROVE), ("procurepub", PUBLISH))),
            ),
            first_status="รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ",
            verbal_approvers=(("unithead", "วิชัย มั่นคง, หัวหน้างานประชาสัมพันธ์"),),
        ),
        Agency(
            key="hot",
            name="โรงพยาบาลฮอด",
            routes=(
                Route(NEWS, NEWS_PATH, "requester",
                      (("unithead", APPROVE), ("director", APPROVE), ("webmaster", PUBLISH))),
            ),
            first_status="รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ",
            verbal_approvers=(
                ("director", "สมชาย ใจกว้าง, ผู้อำนวยการโรงพยาบาลฮอด"),
                ("unithead", "อนุชา ดอยสูง, หัวหน้ากลุ่มงานทันตสาธารณสุข"),
            ),
        ),
        Agency(
            key="mueang-loei",
            name="สำนักงานสาธารณสุขอำเภอเมืองเลย",
            routes=(
                Route(NEWS, NEWS_PATH, "requester",
                      (("unithead", APPROVE), ("webmaster", PUBLISH))),
            ),
            first_status="รอสาธารณสุขอำเภอเมืองเลยพิจารณาอนุญาต",
            verbal_approvers=(("unithead", "สมพงษ์ บัวงาม, สาธารณสุขอำเภอเมืองเลย"),),
        ),
    )
}  # fmt: skip


@pytest.fixture(scope="module", params=sorted(AGENCIES))
def seed(request, tmp_path_factory):
    """The agency's demo served as ``make run DEMO=…`` serves it, one agency at a time.
    Kamphaeng Phet is the default demo: the other browser tests' server serves it already."""
    agency = AGENCIES[request.param]
    if agency.key == "kamphaeng-phet":
        yield agency, request.getfixturevalue("app_server")
        return
    with serve_app(tmp_path_factory.mktemp(agency.key), agency.key) as server:
        yield agency, server


@pytest.fixture
def people(seed, chromium):
    """A browser session per person, each signed in once, as each would sit at their own desk."""
    _agency, server = seed
    contexts, tabs = [], {}

    def tab(username: str):
        if username not in tabs:
            context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
            context.set_default_timeout(15_000)
            contexts.append(context)
            tabs[username] = context.new_page()
            server.sign_in(tabs[username], username)
        return tabs[username]

    yield tab
    for context in contexts:
        context.close()


def ask(page, server, route: Route, title: str, *, urgent: bool = False) -> str:
    """The asker fills the request form; returns the request's address."""
    page.goto(server.url("/admin/publishing/new/"))
    choose_category(page, route.category)
    page.get_by_label("หัวข้อ").fill(title)
    page.get_by_label("รายละเอียดข้อมูล (โดยสรุป)").fill("รายละเอียดตามเอกสารแนบ")
    if route.source:
        page.get_by_label("ที่มา / แหล่งอ้างอิง").fill(route.source)
    if urgent:
        page.get_by_label("เร่งด่วน").check()
    page.get_by_role("button", name="ยื่นคำขอ").click()
    page.get_by_text("ส่งคำขอ").first.wait_for()
    assert "/admin/publishing/new/" not in page.url, page.locator("main").inner_text()
    return page.url


def act(page, url: str, button: str) -> None:
    page.goto(url)
    page.get_by_role("button", name=button, exact=True).click()
    wait_for_decision(page)


def send_back(page, url: str, reason: str) -> None:
    page.goto(url)
    section = page.locator("section.prakat-action:has(input[name=action][value=reject])")
    section.get_by_label("อื่น ๆ").check()
    section.get_by_label("คำชี้แจงถึงผู้ให้ข้อมูล").fill(reason)
    section.get_by_role("button", name=SEND_BACK).click()
    wait_for_decision(page)


def fix_and_send_again(page, url: str, reason: str, title: str) -> None:
    """The asker reads why it came back, at the top of the request, and sends it again."""
    page.goto(url)
    assert reason in page.locator("main").inner_text()
    page.get_by_role("link", name="แก้ไขและส่งใหม่").click()
    page.get_by_label("หัวข้อ").fill(title)
    page.get_by_role("button", name="ส่งใหม่").click()
    shows(page, "ส่งคำขอใหม่แล้ว")


def shows(page, text: str) -> None:
    """Wait for ``text``; when it does not come, the failure says what the person saw."""
    try:
        page.get_by_text(text).first.wait_for()
    except Exception as error:
        seen = page.locator("main").inner_text() if page.locator("main").count() else ""
        raise AssertionError(f"no {text!r} at {page.url}; the page shows:\n{seen}") from error


def test_every_route_a_send_back_at_every_step_and_the_urgent_path(seed, people, chromium):
    """One test an agency: its people sign in once for all of it."""
    agency, server = seed
    main, *others = agency.routes

    # The agency's main route: sent back at each step in turn; after each fix the request
    # starts again from the first step, and every step approves what changed.
    title = f"ประกาศของ{agency.name} ฉบับทดสอบ"
    url = ask(people(main.asker), server, main, title)
    assert agency.first_status in people(main.asker).locator("main").inner_text()
    for sent_back_at in range(len(main.steps)):
        for username, button in main.steps[:sent_back_at]:
            act(people(username), url, button)
        reason = f"โปรดแก้ไขครั้งที่ {sent_back_at + 1}"
        send_back(people(main.steps[sent_back_at][0]), url, reason)
        title = f"ประกาศของ{agency.name} แก้ไขครั้งที่ {sent_back_at + 1}"
        fix_and_send_again(people(main.asker), url, reason, title)
    for username, button in main.steps:
        act(people(username), url, button)
    assert_public(chromium, server, main, title)

    # Every other route straight through, each with its own people (who else is refused
    # each step is publishing/tests' and test_configurations' to prove, without a browser).
    for route in others:
        title = f"รายการของ{route.category} ฉบับทดสอบ"
        url = ask(people(route.asker), server, route, title)
        for username, button in route.steps:
            act(people(username), url, button)
        assert_public(chromium, server, route, title)

    # The urgent path: published first, each step's approval given in writing afterwards.
    urgent_path(agency, server, people, chromium)


def assert_public(chromium, server, route: Route, title: str) -> None:
    """A visitor, signed in as nobody, finds the item on its category's page."""
    context = chromium.new_context(locale="th-TH", timezone_id="Asia/Bangkok")
    try:
        page = context.new_page()
        page.goto(server.url(route.public_path))
        assert page.get_by_role("link", name=title).count() >= 1, (route.public_path, title)
    finally:
        context.close()


def urgent_path(agency: Agency, server, people, chromium) -> None:
    """Published on the word of the first verbal approver the agency has; then each approval
    step is owed in writing by whoever holds it, and each gives their own."""
    route = agency.routes[0]
    title = f"แจ้งด่วนของ{agency.name}"
    url = ask(people(route.asker), server, route, title, urgent=True)

    # The publisher puts it up on the word of the first verbal approver the agency has.
    publisher = people(route.steps[-1][0])
    publisher.goto(url)
    form = publisher.locator("form:has(input[value=publish_urgent])")
    chooser = form.get_by_label("ผู้อนุญาตทางวาจา")
    offered = [o.strip() for o in chooser.locator("option").all_inner_texts() if o.strip("- ")]
    # Only the people of the steps still open, never the publisher.
    assert sorted(offered) == sorted(label for _user, label in agency.verbal_approvers)
    _speaker, speaker_label = agency.verbal_approvers[0]
    chooser.select_option(label=speaker_label)
    spoken = timezone.localtime() - datetime.timedelta(minutes=20)
    form.get_by_label("วันเวลาที่อนุญาตทางวาจา").evaluate(
        "(field, value) => { field.value = value; field.dispatchEvent(new Event('change')); }",
        f"{spoken:%d/%m}/{spoken.year + 543} {spoken:%H:%M}",
    )
    form.get_by_role("button", name="เผยแพร่ทันที (กรณีเร่งด่วน อนุญาตทางวาจา)").click()
    wait_for_decision(publisher)
    assert_public(chromium, server, route, title)

    # Each approval step is owed in writing by whoever holds it, and each gives their own.
    for username, _label in agency.verbal_approvers:
        holder = people(username)
        holder.goto(server.url("/admin/publishing/"))
        owed = holder.get_by_role("heading", name="รายการที่ยังรอการอนุมัติเป็นลายลักษณ์อักษร")
        expect(owed, username).to_be_visible()
        holder.goto(url)
        holder.get_by_role("button", name="ยืนยันการอนุมัติเป็นลายลักษณ์อักษร").click()
        holder.get_by_text("บันทึกการอนุมัติเป็นลายลักษณ์อักษรแล้ว").wait_for()
    page = people(route.asker)
    page.goto(url)
    text = page.locator("main").inner_text()
    assert "ยังรอการอนุมัติเป็นลายลักษณ์อักษร" not in text
    for _username, label in agency.verbal_approvers:
        name = label.split(",")[0]
        assert f"อนุมัติเป็นลายลักษณ์อักษรโดย {name} เมื่อ" in text, name
