"""Page views: counted without cookies, bots left out, written after the page has gone out."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.content.tests.helpers import publish_item
from prakat.statistics import counting, figures

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
BOTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1",
    "curl/8.5.0",
    "",
]


@pytest.fixture
def item(built_site, unit, settings):
    settings.VIEWS_FLUSH_SECONDS = 3600  # nothing is written unless the test flushes
    counting.flush()  # start from nothing pending
    news = CategoryPage.objects.get(checklist_key="pr-news")
    return publish_item(news, "ประกาศรับสมัครพยาบาลวิชาชีพ", unit)


def read(client, page, user_agent=FIREFOX, times=1):
    for _ in range(times):
        response = client.get(page.url, HTTP_USER_AGENT=user_agent)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers  # no cookie, so no consent banner


def test_n_views_make_n_in_the_day_and_bots_do_not_count(client, item):
    read(client, item, times=5)
    for bot in BOTS:
        read(client, item, user_agent=bot)
    assert counting.flush() == 5
    today = timezone.localdate()
    assert figures.daily(today, today) == [(today, 5)]
    read(client, item, times=2)  # a second flush adds to the same day's row
    counting.flush()
    assert figures.totals(today, fresh=True).today == 7
    assert figures.most_read(today, today) == [(item, 7)]


def test_serving_a_page_writes_nothing_to_the_database(client, item):
    with CaptureQueriesContext(connection) as queries:
        read(client, item, times=3)
    writes = [
        q["sql"]
        for q in queries
        if "engagement_pageview" in q["sql"] and q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert counting.pending_views() == 3
    counting.flush()
    assert counting.pending_views() == 0


def test_the_public_block_shows_what_the_staff_page_shows(client, item, webmaster):
    read(client, item, times=4)
    counting.flush()
    from django.core.cache import cache

    cache.clear()
    page = CategoryPage.objects.get(checklist_key="visitor-statistics")
    public = client.get(page.url, HTTP_USER_AGENT=FIREFOX).content.decode()
    assert f'href="{page.url}"' in public  # the footer counter links to the page
    client.force_login(webmaster)
    staff = client.get("/admin/statistics/").content.decode()
    totals = figures.totals(fresh=True)
    assert totals.today == 4
    for figure in (totals.today, totals.month, totals.year, totals.total):
        assert f"<dd>{figure}</dd>" in public
    for name in ("today", "month", "year", "total"):
        assert f'data-total="{name}">{getattr(totals, name)}<' in staff
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" in public  # most read
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" in staff


def test_staff_export_csv_by_category_and_unit(client, item, webmaster, unit):
    read(client, item, times=3)
    counting.flush()
    client.force_login(webmaster)
    response = client.get("/admin/statistics/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["ส่วน", "ชื่อ", "จำนวนครั้งที่เข้าชม"]
    top = CategoryPage.objects.get(checklist_key="public-relations").title
    assert ["หมวดหมู่", top, "3"] in rows
    assert ["กลุ่มงาน", unit.name, "3"] in rows
    assert ["รายการ", "ประกาศรับสมัครพยาบาลวิชาชีพ", "3"] in rows


def test_a_backwards_range_is_refused_in_thai_and_requesters_are_refused(
    client, item, webmaster, make_user
):
    client.force_login(webmaster)
    page = client.get("/admin/statistics/", {"start": "2026-11-20", "end": "2026-11-01"})
    assert "ช่วงวันที่ต้องสิ้นสุดในวันเดียวกันหรือหลังวันเริ่มต้น" in page.content.decode()
    client.force_login(make_user("asker", Role.REQUESTER))
    assert client.get("/admin/statistics/").status_code == 403


def test_the_satisfaction_category_invites_to_the_survey(client, built_site):
    page = CategoryPage.objects.get(checklist_key="satisfaction")
    html = client.get(page.url, HTTP_USER_AGENT=FIREFOX).content.decode()
    assert 'href="/survey/"' in html and 'href="/survey/results/"' in html
