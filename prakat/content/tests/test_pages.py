"""What the public sees on home, category and item pages, and what those pages cost."""

import datetime
import urllib.parse
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prakat.content.checklist import load_checklist
from prakat.content.filesize import human_size
from prakat.content.models import ITEMS_PER_PAGE, CategoryPage, InformationItemPage
from prakat.content.tests import helpers

BANGKOK = ZoneInfo("Asia/Bangkok")


def category(key: str) -> CategoryPage:
    return CategoryPage.objects.get(checklist_key=key)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BANGKOK)


def test_home_page_shows_agency_and_every_top_category(client, built_site):
    html = client.get("/").content.decode()
    assert "โรงพยาบาลทดสอบ" in html
    for entry in load_checklist().top():
        assert entry.title_th in html
    assert 'lang="th"' in html


def test_item_page_shows_the_metadata_the_standard_requires(client, unit):
    document = helpers.make_document("แผนปฏิบัติการ", "แผนปฏิบัติการ 2570.pdf", helpers.pdf_bytes())
    item = helpers.publish_item(
        category("action-plan"),
        "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2570",
        unit,
        published=at(2026, 10, 20, 9, 0),
        data_period_start=datetime.date(2026, 10, 1),
        data_period_end=datetime.date(2027, 9, 30),
        publication_end=datetime.date(2027, 9, 30),
        body="<p>แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี</p>",
        external_link="https://www.moph.go.th/",
        attachments=[document],
    )
    html = client.get(item.url).content.decode()
    assert "แหล่งที่มา (หน่วยงานเจ้าของข้อมูล)" in html
    assert "งานประชาสัมพันธ์" in html
    assert "1 ตุลาคม 2569 – 30 กันยายน 2570" in html
    # The publication's time too, in Bangkok: a notice's hour can matter.
    assert "<dt>วันที่เผยแพร่</dt><dd>20 ตุลาคม 2569 เวลา 09:00 น.</dd>" in html
    assert "เผยแพร่ถึงวันที่" in html and "30 กันยายน 2570" in html
    assert f"(PDF, {human_size(document.file_size)})" in html
    assert "https://www.moph.go.th/" in html
    assert "แผนงาน โครงการ และงบประมาณรายจ่ายประจำปี" in html


def test_attachment_downloads_under_its_original_thai_name(client, unit):
    data = helpers.xlsx_bytes()
    document = helpers.make_document("สรุปผล", "สรุปผลการจัดซื้อ ต.ค. 2569.xlsx", data)
    helpers.publish_item(
        category("procurement-monthly-summary"), "สขร.1", unit, attachments=[document]
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert urllib.parse.quote("สรุปผลการจัดซื้อ ต.ค. 2569.xlsx") in disposition
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdf_opens_in_the_browser_with_its_name(client, unit):
    document = helpers.make_document("คำสั่ง", "คำสั่งที่ 1-2569.pdf", helpers.pdf_bytes())
    helpers.publish_item(category("authority"), "คำสั่งที่ 1/2569", unit, attachments=[document])
    response = client.get(document.url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert urllib.parse.quote("คำสั่งที่ 1-2569.pdf") in response["Content-Disposition"]


def test_category_lists_items_newest_first_in_pages(client, unit):
    jobs = category("pr-jobs")
    for day in range(1, 26):
        helpers.publish_item(
            jobs, f"ประกาศรับสมัครงาน ฉบับที่ {day}", unit, published=at(2026, 10, day, 9)
        )
    first = client.get(jobs.url).content.decode()
    assert first.index("ฉบับที่ 25") < first.index("ฉบับที่ 24")
    assert first.count('class="item-title"') == ITEMS_PER_PAGE
    assert "หน้า 1 จาก 2" in first
    second = client.get(jobs.url, {"page": 2}).content.decode()
    assert second.count('class="item-title"') == 25 - ITEMS_PER_PAGE
    assert "ฉบับที่ 1<" in second
    assert "หน้า 2 จาก 2" in second


def test_items_published_at_one_instant_are_each_on_exactly_one_page(client, unit):
    """A page starts at its first item; items of the same instant are told apart by id."""
    notices = category("pr-announcements")
    for n in range(1, 46):
        helpers.publish_item(notices, f"ประกาศเลขที่ {n:02d}", unit, published=at(2026, 11, 1, 9))
    shown = []
    for number in (1, 2, 3):
        html = client.get(notices.url, {"page": number}).content.decode()
        shown += [t.split("<")[0] for t in html.split("ประกาศเลขที่ ")[1:]]
        assert f"หน้า {number} จาก 3" in html
    # 20, 20 and 5, the newest (highest id) first, none twice and none left out.
    assert shown == [f"{n:02d}" for n in range(45, 0, -1)]
    # A page number past the end shows the first page, as before.
    assert "ประกาศเลขที่ 45" in client.get(notices.url, {"page": 9}).content.decode()


def test_category_shows_its_topics_and_a_note_when_empty(client, built_site):
    html = client.get(category("general").url).content.decode()
    assert "หัวข้อในหมวดหมู่นี้" in html
    assert category("history").title in html
    assert "ยังไม่มีข้อมูลเผยแพร่ในหมวดหมู่นี้" in html


def test_data_period_must_not_end_before_it_starts(unit):
    item = InformationItemPage(
        title="รายงาน",
        slug="report",
        owner_unit=unit,
        data_period_start=datetime.date(2026, 10, 1),
        data_period_end=datetime.date(2026, 9, 30),
    )
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert refused.value.message_dict["data_period_end"] == ["วันสิ้นสุดของช่วงข้อมูลต้องไม่ก่อนวันเริ่มต้น"]


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_category_page_queries_do_not_grow_with_its_items(client, unit, settings):
    settings.PAGE_CACHE_SECONDS = 0  # what building the page costs, not giving a kept copy
    document = helpers.make_document("ไฟล์", "ไฟล์.pdf", helpers.pdf_bytes())
    small, large = category("pr-alerts"), category("pr-jobs")
    helpers.bulk_publish_items(small, unit, 10, document)
    helpers.bulk_publish_items(large, unit, 10_000, document)
    last = f"{large.url}?page={10_000 // ITEMS_PER_PAGE}"
    for url in (small.url, large.url, last):  # what is read once a site version, read
        count_queries(client, url)
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    last_page = count_queries(client, last)
    assert small_count == large_count == last_page
    html = client.get(large.url).content.decode()
    assert html.count(f"PDF, {document.size_label}</span>") == ITEMS_PER_PAGE


def test_home_page_queries_do_not_grow_with_items(client, unit):
    helpers.bulk_publish_items(category("pr-news"), unit, 5)
    count_queries(client, "/")
    few = count_queries(client, "/")
    helpers.bulk_publish_items(category("pr-alerts"), unit, 2_000)
    assert count_queries(client, "/") == few


def sitemap_files(client) -> list[str]:
    index = client.get("/sitemap.xml").content.decode()
    return [loc.split("</loc>")[0] for loc in index.split("<loc>")[1:]]


def test_sitemap_lists_published_items(client, unit):
    item = helpers.publish_item(category("history"), "ประวัติโรงพยาบาล", unit)
    assert sitemap_files(client) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-services.xml",
        # Empty until the English pages are published (content/tests/test_english_pages.py).
        "http://testserver/sitemap-english.xml",
    ]
    services = client.get("/sitemap-services.xml").content.decode()
    for address in ("/calendar/", "/clinics/", "/downloads/"):
        assert f"<loc>http://testserver{address}</loc>" in services
    xml = client.get("/sitemap-pages.xml").content.decode()
    assert item.full_url in xml
    assert category("laws").full_url in xml
    # Machines read these dates: Christian era, ISO format, even on a Thai site.
    from django.utils import timezone

    assert f"<lastmod>{timezone.localdate():%Y-%m-%d}</lastmod>" in xml


def test_the_sitemap_is_files_of_a_thousand_pages_at_most(client, unit, monkeypatch):
    from prakat.content.sitemaps import PagesSitemap

    monkeypatch.setattr(PagesSitemap, "limit", 50)
    helpers.bulk_publish_items(category("pr-news"), unit, 200)
    # The home page, every live category and the 200 items.
    pages = 1 + CategoryPage.objects.live().count() + 200
    files = [f for f in sitemap_files(client) if "sitemap-pages" in f]
    assert len(files) == -(-pages // 50)
    assert files[1] == "http://testserver/sitemap-pages.xml?p=2"
    urls = [client.get(f).content.decode().count("<url>") for f in files]
    assert urls == [50] * (len(files) - 1) + [pages - 50 * (len(files) - 1)]


def test_news_feed_carries_news_only(client, unit):
    news = helpers.publish_item(category("pr-news"), "ขอเชิญร่วมบริจาคโลหิต", unit)
    helpers.publish_item(category("history"), "ประวัติโรงพยาบาล", unit)
    response = client.get("/feeds/news/")
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "ขอเชิญร่วมบริจาคโลหิต" in xml
    assert news.full_url in xml
    assert "<title>ข่าวประชาสัมพันธ์ — โรงพยาบาลทดสอบ</title>" in xml
    assert "ประวัติโรงพยาบาล" not in xml


def test_search_finds_items_by_their_words(client, unit):
    with helpers.committed():  # the search index is brought up to date after the commit
        helpers.publish_item(category("pr-jobs"), "ประกาศ รับสมัคร พยาบาลวิชาชีพ", unit)
        helpers.publish_item(category("history"), "ประวัติโรงพยาบาล", unit)
    html = client.get("/search/", {"q": "พยาบาลวิชาชีพ"}).content.decode()
    assert "ประกาศ รับสมัคร พยาบาลวิชาชีพ" in html
    assert "ประวัติโรงพยาบาล<" not in html
    nothing = client.get("/search/", {"q": "ไม่มีคำนี้แน่นอน"}).content.decode()
    assert "ไม่พบข้อมูลสำหรับ “ไม่มีคำนี้แน่นอน”" in nothing


@pytest.mark.parametrize(
    "query", ["' OR 1=1 --", '"; DROP TABLE wagtailcore_page; --', "%_\\", 'ไทย"', "a\x00b"]
)
def test_search_treats_sql_metacharacters_as_words(client, built_site, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert CategoryPage.objects.filter(checklist_key="laws").exists()


def test_search_results_page_through_with_the_query_kept(client, unit):
    jobs = category("pr-jobs")
    with helpers.committed():
        for n in range(25):
            helpers.publish_item(jobs, f"รับสมัคร พยาบาลวิชาชีพ รอบ {n}", unit)
    first = client.get("/search/", {"q": "พยาบาลวิชาชีพ"}).content.decode()
    assert "หน้า 1 จาก 2" in first
    assert 'href="?q=%E0%B8%9E' in first and "&amp;page=2" in first
    second = client.get("/search/", {"q": "พยาบาลวิชาชีพ", "page": 2}).content.decode()
    assert second.count('class="item-title"') == 5


def test_a_thai_word_finds_the_longer_phrase_it_is_part_of(client, unit, webmaster):
    from django.urls import reverse

    with helpers.committed():
        helpers.publish_item(category("procurement-announcements"),
                             "ประกาศจัดซื้อจัดจ้างครุภัณฑ์การแพทย์", unit)  # fmt: skip
        helpers.publish_item(category("history"), "ประวัติโรงพยาบาล", unit)
    for query in ("จัดซื้อ", "ประกาศจัดซื้อ", "ครุภัณฑ์"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert "ประกาศจัดซื้อจัดจ้างครุภัณฑ์การแพทย์" in html, query
        assert "ประวัติโรงพยาบาล<" not in html
    # Staff find it the same way in the admin, and documents too.
    with helpers.committed():
        helpers.make_document("สรุปผลการจัดซื้อจัดจ้างประจำเดือน", "สขร1.pdf")
    client.force_login(webmaster)
    pages = client.get(reverse("wagtailadmin_pages:search"), {"q": "จัดซื้อ"}).content.decode()
    assert "ประกาศจัดซื้อจัดจ้างครุภัณฑ์การแพทย์" in pages
    documents = client.get(reverse("wagtaildocs:index"), {"q": "จัดซื้อ"}).content.decode()
    assert "สรุปผลการจัดซื้อจัดจ้างประจำเดือน" in documents


def test_the_executives_category_shows_photo_name_position_and_phone(client, built_site):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    from prakat.agency.models import Executive
    from prakat.content.tests.helpers import png_bytes

    image = get_image_model()(title="ผอ.")
    image.file = ContentFile(png_bytes(), name="director.png")
    image.save()
    Executive.objects.create(
        agency=built_site.agency, name="ประเสริฐ รักษาดี", position="ผู้อำนวยการโรงพยาบาล",
        phone="0 5571 4223", photo=image,
    )  # fmt: skip
    page = CategoryPage.objects.get(checklist_key="executives")
    html = client.get(page.url).content.decode()
    assert 'alt="ประเสริฐ รักษาดี"' in html
    assert "ผู้อำนวยการโรงพยาบาล" in html and 'href="tel:055714223"' in html
