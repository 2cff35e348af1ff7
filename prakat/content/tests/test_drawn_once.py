"""What every public page shares (the header with its menu, the footer) and where each address
leads are kept per site version in the web process; what a visitor sees must never be what
was kept for another page, another request or an older site."""

import re

import pytest

from prakat.agency.models import Unit
from prakat.content import site_version
from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage, InformationItemPage, ItemAttachment
from prakat.content.tests import helpers

pytestmark = pytest.mark.database_neutral


def marked_section(html: str) -> list[str]:
    """The menu entries marked as the section the visitor is in."""
    menu = html.split('class="site-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)" aria-current="page">', menu)


def test_each_page_marks_its_own_section_in_the_menu(client, unit):
    plan = helpers.publish_item(
        CategoryPage.objects.get(checklist_key="action-plan"), "แผนปฏิบัติการ", unit
    )
    news = helpers.publish_item(
        CategoryPage.objects.get(checklist_key="pr-news"), "ข่าวบริจาคโลหิต", unit
    )
    plan_section = plan.get_ancestors().get(depth=3).url
    news_section = news.get_ancestors().get(depth=3).url
    assert plan_section != news_section

    assert marked_section(client.get(plan.url).content.decode()) == [plan_section]
    assert marked_section(client.get(news.url).content.decode()) == [news_section]
    assert marked_section(client.get(plan.url).content.decode()) == [plan_section]
    assert marked_section(client.get("/").content.decode()) == []


def test_the_search_box_shows_what_was_typed_only_to_who_typed_it(client, built_site):
    searched = client.get("/search/", {"q": "ตารางเวรแพทย์"}).content.decode()
    header = searched.split("</header>")[0]
    assert 'id="site-search" type="search" name="q" value="ตารางเวรแพทย์"' in header

    home = client.get("/").content.decode().split("</header>")[0]
    assert 'id="site-search" type="search" name="q" value=""' in home
    assert "ตารางเวรแพทย์" not in home


def test_a_category_given_a_new_address_answers_there_and_not_at_the_old_one(client, unit):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    item = helpers.publish_item(news, "ข่าวบริจาคโลหิต", unit)
    old_category, old_item = news.url, item.url
    assert client.get(old_category).status_code == 200
    assert client.get(old_item).status_code == 200

    news.slug = "hospital-news"
    news.save_revision().publish()
    item.refresh_from_db()
    assert item.url == old_item.replace("/pr-news/", "/hospital-news/")

    assert client.get(old_category).status_code == 404
    assert client.get(old_item).status_code == 404
    moved = client.get(item.url)
    assert moved.status_code == 200
    assert "ข่าวบริจาคโลหิต" in moved.content.decode()


def test_a_topic_renamed_or_taken_down_changes_on_its_parents_page_at_once(client, built_site):
    history = CategoryPage.objects.get(checklist_key="history")
    parent = history.get_parent()

    def topics() -> str:
        html = client.get(parent.url, {"v": "fresh"}).content.decode()
        return html.split('class="subcategories"')[1].split("</nav>")[0]

    assert f">{history.title}</a>" in topics()
    history.title = "ประวัติความเป็นมาของโรงพยาบาล"
    history.save_revision().publish()
    assert ">ประวัติความเป็นมาของโรงพยาบาล</a>" in topics()
    history.unpublish()
    assert "ประวัติความเป็นมาของโรงพยาบาล" not in topics()


def item_lines(client, category: CategoryPage) -> list[str]:
    html = client.get(category.url, {"v": "fresh"}).content.decode()
    listing = html.split('class="item-list"')[1].split("</ul>")[0]
    return [re.sub(r"\s+", " ", line) for line in listing.split("<li>")[1:]]


def test_an_items_line_in_its_category_changes_at_once_with_the_item(client, unit):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    first = helpers.publish_item(news, "ประกาศรับสมัครพยาบาล", unit)
    second = helpers.publish_item(news, "ข่าวบริจาคโลหิต", unit)
    lines = item_lines(client, news)
    assert [("ข่าวบริจาคโลหิต" in line, "ประกาศรับสมัครพยาบาล" in line) for line in lines] == [
        (True, False),
        (False, True),
    ]
    assert "PDF" not in lines[1]

    document = helpers.make_document("ประกาศ", "ประกาศรับสมัคร.pdf", helpers.pdf_bytes())
    ItemAttachment.objects.create(page=first, document=document, sort_order=0)
    first = InformationItemPage.objects.get(pk=first.pk)
    first.title = "ประกาศรับสมัครพยาบาลวิชาชีพ"
    with publication_authorised():
        first.save_revision().publish()
    lines = item_lines(client, news)
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" in lines[1] and "PDF" in lines[1]

    second.unpublish()
    lines = item_lines(client, news)
    assert len(lines) == 1 and "ประกาศรับสมัครพยาบาลวิชาชีพ" in lines[0]


def test_a_preview_shows_the_draft_and_never_gives_it_to_the_public(client, unit):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    item = helpers.publish_item(news, "ข่าวบริจาคโลหิต", unit, body="<p>เปิดรับบริจาควันจันทร์</p>")
    assert "เปิดรับบริจาควันจันทร์" in client.get(item.url).content.decode()

    draft = InformationItemPage.objects.get(pk=item.pk)
    draft.body = "<p>เลื่อนเป็นวันอังคาร</p>"
    with publication_authorised():
        revision = draft.save_revision()
    preview = revision.as_object().make_preview_request().render().content.decode()
    assert "เลื่อนเป็นวันอังคาร" in preview and "เปิดรับบริจาควันจันทร์" not in preview

    public = client.get(item.url, {"v": "after the preview"}).content.decode()
    assert "เปิดรับบริจาควันจันทร์" in public and "เลื่อนเป็นวันอังคาร" not in public

    with publication_authorised():
        revision.publish()
    public = client.get(item.url, {"v": "after publishing"}).content.decode()
    assert "เลื่อนเป็นวันอังคาร" in public and "เปิดรับบริจาควันจันทร์" not in public


def test_a_full_table_still_answers_rightly_and_a_new_version_empties_it(built_site):
    asked = []

    def answer(key):
        asked.append(key)
        return f"คำตอบ {key}"

    for key in ("ก", "ข", "ค"):
        assert site_version.remembered_in("ทดลอง", key, lambda k=key: answer(k), limit=2) == (
            f"คำตอบ {key}"
        )
    assert asked == ["ก", "ข", "ค"]
    # The first two are kept; the third, beyond the limit, is worked out each time.
    for key in ("ก", "ข", "ค"):
        site_version.remembered_in("ทดลอง", key, lambda k=key: answer(k), limit=2)
    assert asked == ["ก", "ข", "ค", "ค"]
    # None is never kept.
    assert site_version.remembered_in("ทดลอง", "ง", lambda: asked.append("ง"), limit=9) is None
    assert site_version.remembered_in("ทดลอง", "ง", lambda: asked.append("ง"), limit=9) is None
    assert asked[-2:] == ["ง", "ง"]

    Unit.objects.create(agency=built_site.agency, name="งานพัสดุ")  # the site changes
    site_version.remembered_in("ทดลอง", "ก", lambda: answer("ก"), limit=2)
    assert asked[-1] == "ก"
