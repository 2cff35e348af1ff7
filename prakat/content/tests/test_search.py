"""The site's search (``prakat.content.search``): what a query finds, in which order, and what
a person reads when a search runs out of time. On SQLite and on PostgreSQL alike.

Speed is the benchmark's business (``bench/run --search-only``), never a test's.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from huey.contrib.djhuey import HUEY
from huey.storage import SqliteStorage
from pythainlp.tokenize import word_tokenize
from wagtail.models import Page
from wagtail.rich_text import RichText

from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage, GeneralPage, InformationItemPage, SearchEntry
from prakat.content.search import (
    SearchTookTooLong,
    find,
    index_pages,
    time_limit,
    update_search_index,
)
from prakat.content.tests import helpers

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
STOPPED = "การค้นหานี้ถูกหยุด เพราะการค้นหาแต่ละครั้งใช้เวลาได้ไม่เกิน"


def category(key: str) -> CategoryPage:
    return CategoryPage.objects.get(checklist_key=key)


def item(unit, title: str, body: str = "", key: str = "history") -> InformationItemPage:
    """A published item, indexed as once its publication commits."""
    with helpers.committed():
        return helpers.publish_item(
            category(key), title, unit, body=f"<p>{body}</p>" if body else ""
        )


def found(client, query: str) -> list[str]:
    """The titles of the public search's results, in order."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(
        r'<h2 class="item-title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


# --- what a query finds -----------------------------------------------------------------------
# The site's categories hold many of these words in their titles; each test looks at the
# items it made.


def items_found(client, query: str, *items) -> list[str]:
    """Which of ``items`` the public search finds, in the order it lists them."""
    mine = {i.title for i in items}
    return [title for title in found(client, query) if title in mine]


def test_a_word_is_found_inside_the_longer_words_it_is_part_of(client, unit):
    notice = item(unit, "ประกาศผลการคัดเลือก", "ประกาศจัดซื้อจัดจ้างครุภัณฑ์การแพทย์ประจำปี")
    history = item(unit, "ประวัติโรงพยาบาล", "โรงพยาบาลก่อตั้งเมื่อปี 2500")
    assert items_found(client, "จัดซื้อ", notice, history) == [notice.title]
    assert items_found(client, "จัดจ้างครุภัณฑ์", notice, history) == [notice.title]
    assert items_found(client, "พยาบาล", notice, history) == [history.title]


def test_a_word_the_segmenter_cuts_in_two_is_still_found(client, unit):
    # The word segmenter reads แผนที่ตั้ง as แผน + ที่ตั้ง: no token of the text is แผนที่.
    assert word_tokenize("แผนที่ตั้ง", engine="newmm") == ["แผน", "ที่ตั้ง"]
    directions = item(unit, "การเดินทางมาโรงพยาบาล", "แผนที่ตั้งของหน่วยบริการแสดงไว้ในเอกสารแนบ")
    assert items_found(client, "แผนที่", directions) == [directions.title]


def test_words_typed_together_are_found_only_together(client, unit):
    together = item(unit, "แผนประจำปี", "แผนปฏิบัติราชการประจำปีงบประมาณ 2569")
    apart = item(unit, "แผนงานและการปฏิบัติงาน", "แผนงานของกลุ่มงาน และคู่มือการปฏิบัติงาน")
    assert items_found(client, "แผนปฏิบัติ", together, apart) == [together.title]
    # The search's own time, apart from the page's, for the benchmark.
    timing = client.get("/search/", {"q": "แผนปฏิบัติ"})["Server-Timing"]
    assert re.fullmatch(r"search;dur=[0-9.]+", timing)
    # Typed apart, each word is looked for on its own: both pages hold both words.
    assert set(items_found(client, "แผน ปฏิบัติ", together, apart)) == {together.title, apart.title}
    # A phrase in double quotes keeps its space.
    assert items_found(client, '"คู่มือการปฏิบัติ"', together, apart) == [apart.title]
    assert items_found(client, '"คู่มือ การปฏิบัติ"', together, apart) == []


def test_spelling_variants_and_invisible_characters_do_not_hide_a_word(client, unit):
    # Two sara e (เ เ) typed for sara ae (แ), and a zero-width space inside a word.
    rota = item(unit, "ตารางเวรแพทย์", "เเผนที่\u200bตั้ง และ ตารางเวร")
    assert items_found(client, "แผนที่ตั้ง", rota) == [rota.title]
    assert items_found(client, "เเผนที่ตั้ง", rota) == [rota.title]


def test_words_shorter_than_the_index_are_still_found(client, unit):
    drugs = item(unit, "การใช้ยาอย่างปลอดภัย", "คำแนะนำเรื่องยาและอาหาร")
    rota = item(unit, "ตารางเวร", "ตารางเวรแพทย์")
    assert items_found(client, "ยา", drugs, rota) == [drugs.title]
    assert items_found(client, "ยา อาหาร", drugs, rota) == [drugs.title]
    assert items_found(client, "ยา เวร", drugs, rota) == []


def test_only_live_public_pages_are_found(client, unit):
    shown = item(unit, "ประกาศรับสมัครพยาบาลวิชาชีพ")
    hidden = item(unit, "ประกาศรับสมัครพยาบาลวิชาชีพ รอบสอง")
    hidden.unpublish()
    assert items_found(client, "พยาบาลวิชาชีพ", shown, hidden) == [shown.title]


# --- order ----------------------------------------------------------------------------------


def test_an_item_comes_before_an_empty_category(client, unit):
    # แผนที่ตั้งหน่วยงาน is a category with nothing in it, its title the very word asked for.
    empty = category("contact-map")
    assert empty.title == "แผนที่ตั้งหน่วยงาน"
    assert not empty.get_children().live().exists()
    directions = item(unit, "การเดินทางมาโรงพยาบาล", "แผนที่ตั้งของหน่วยบริการแสดงไว้ในเอกสารแนบ")
    assert items_found(client, "แผนที่", directions, empty) == [directions.title, empty.title]
    # Once something is published in it, the category is listed among the title matches.
    inside = item(unit, "ผังอาคาร", "ผังอาคารของโรงพยาบาล", key="contact-map")
    assert items_found(client, "แผนที่", directions, empty, inside) == [
        empty.title,
        directions.title,
    ]


def test_title_matches_come_first_then_the_newest(client, unit):
    titled = item(unit, "รับสมัครพยาบาลวิชาชีพ", "ตำแหน่งว่าง")
    older = item(unit, "ประกาศรับสมัครงาน", "ตำแหน่งพยาบาลวิชาชีพ")
    newer = item(unit, "ประกาศรับสมัครงาน รอบสอง", "ตำแหน่งพยาบาลวิชาชีพ")
    assert items_found(client, "พยาบาลวิชาชีพ", titled, older, newer) == [
        titled.title,
        newer.title,
        older.title,
    ]


def test_more_results_than_are_listed_are_said_to_be_more(client, unit, monkeypatch):
    from prakat.content import search

    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for n in range(4):
        item(unit, f"ประกาศรับสมัครพยาบาลวิชาชีพ รอบ {n}")
    html = client.get("/search/", {"q": "พยาบาลวิชาชีพ"}).content.decode()
    assert "พบมากกว่า 3 รายการสำหรับ “พยาบาลวิชาชีพ” แสดง 3 รายการแรก" in html
    assert html.count('class="item-title"') == 3


def test_a_general_page_is_found_by_the_words_in_its_blocks(client, built_site):
    page = GeneralPage(
        title="คลินิกพิเศษ",
        slug="clinics",
        body=[("heading", "คลินิกเบาหวาน"), ("text", RichText("<p>ตรวจน้ำตาลวันอังคาร</p>"))],
    )
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    index_pages([page.pk])
    assert "คลินิกพิเศษ" in found(client, "ตรวจน้ำตาล")
    assert "คลินิกพิเศษ" in found(client, "คลินิกเบาหวาน")


# --- the admin's page search ------------------------------------------------------------------


def test_the_admin_finds_drafts_and_the_same_words(client, unit, webmaster):
    item(unit, "ประวัติโรงพยาบาล")
    draft = InformationItemPage(title="ร่างแผนที่ตั้งอาคารใหม่", owner_unit=unit, live=False)
    with helpers.committed():
        category("history").add_child(instance=draft)
    client.force_login(webmaster)
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "แผนที่"}).content.decode()
    assert "ร่างแผนที่ตั้งอาคารใหม่" in html
    assert "ประวัติโรงพยาบาล" not in html
    # Only the live ones, as Wagtail's own filter says.
    live = client.get(reverse("wagtailadmin_pages:search"), {"q": "แผนที่ live:yes"})
    assert "ร่างแผนที่ตั้งอาคารใหม่" not in live.content.decode()


def test_the_admin_sorts_and_narrows_by_page_type_as_wagtail_does(client, unit, webmaster):
    for title in ("ข ประกาศรับสมัครพยาบาลวิชาชีพ", "ก ประกาศรับสมัครพยาบาลวิชาชีพ"):
        item(unit, title)
    client.force_login(webmaster)
    url = reverse("wagtailadmin_pages:search")
    by_title = client.get(url, {"q": "พยาบาลวิชาชีพ", "ordering": "title"}).content.decode()
    assert by_title.index("ก ประกาศรับสมัคร") < by_title.index("ข ประกาศรับสมัคร")
    # A category whose title holds ประกาศ: listed among all pages, only counted beside the
    # items when the items alone are asked for.
    edit = reverse("wagtailadmin_pages:edit", args=[category("procurement-announcements").pk])
    assert f'href="{edit}"' in client.get(url, {"q": "ประกาศ"}).content.decode()
    items_only = client.get(
        url, {"q": "ประกาศ", "content_type": "content.informationitempage"}
    ).content.decode()
    assert "ก ประกาศรับสมัคร" in items_only
    assert f'href="{edit}"' not in items_only
    assert re.search(r"หมวดหมู่ \(\d+\)", items_only)


# --- the time limit ---------------------------------------------------------------------------


def test_a_query_the_database_is_still_running_is_stopped_at_the_time_limit(db):
    long_query = {
        # Counting to a hundred million: tens of seconds, unless stopped.
        "sqlite": "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
        "WHERE x < 100000000) SELECT count(*) FROM n",
        "postgresql": "SELECT pg_sleep(30)",
    }[connection.vendor]
    with pytest.raises(SearchTookTooLong), time_limit(0.2), connection.cursor() as cursor:
        cursor.execute(long_query)
        cursor.fetchall()
    # The connection is usable afterwards, without the limit.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone() == ("0",)


def test_a_search_out_of_time_says_so_in_thai_never_an_error_page(
    client, unit, webmaster, settings
):
    item(unit, "ประกาศรับสมัครพยาบาลวิชาชีพ")
    settings.SEARCH_TIME_LIMIT = 0
    response = client.get("/search/", {"q": "พยาบาลวิชาชีพ"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{STOPPED} 0 วินาที" in html
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" not in html
    assert "no-store" in response["Cache-Control"]
    assert re.fullmatch(r'search;desc="stopped";dur=[0-9.]+', response["Server-Timing"])
    client.force_login(webmaster)
    admin = client.get(reverse("wagtailadmin_pages:search"), {"q": "พยาบาลวิชาชีพ"})
    assert admin.status_code == 200
    assert STOPPED in admin.content.decode()


# --- the index ------------------------------------------------------------------------------


def test_the_full_text_index_follows_the_entries(db, unit):
    page = item(unit, "ประกาศเดิม", "ข้อความเดิม")
    assert SearchEntry.objects.get(page=page).body == "ประกาศเดิม ข้อความเดิม"
    page.title = "ประกาศใหม่"
    page.body = "<p>ข้อความใหม่</p>"
    with helpers.committed(), publication_authorised():
        page.save_revision().publish()
    pages = Page.objects.live()
    assert list(find("ข้อความใหม่", pages).ids) == [page.pk]
    assert list(find("ข้อความเดิม", pages).ids) == []
    with helpers.committed():
        page.delete()
    assert not SearchEntry.objects.filter(page_id=page.pk).exists()
    assert list(find("ข้อความใหม่", Page.objects.all()).ids) == []


# --- indexing in the background -------------------------------------------------------------


def test_an_item_is_found_once_the_worker_has_run_its_job(tmp_path, committed_site, client):
    """What happens while the job worker is down, and once it runs.

    The test queues jobs on a real queue file, as ``make run``'s web server does, with no
    worker running: an item is published, and the search does not find it while its job
    waits in the queue. Then a real worker process (``manage.py run_huey``, on the same
    database and queue) is started, and the search finds the item once the worker has run the
    job. Taken down while no worker runs, the item is not found at once: the search asks the
    page itself whether it is live.
    """
    from prakat.agency.models import Unit

    unit = Unit.objects.create(agency=committed_site.agency, name="งานประชาสัมพันธ์")
    var = tmp_path / "var"
    var.mkdir()
    with queue_on(var / "jobs.sqlite3") as queue:
        notice = helpers.publish_item(category("pr-news"), "ประกาศวันหยุดสงกรานต์", unit)
        assert queue.pending_count() > 0
        assert items_found(client, "สงกรานต์", notice) == []
        with worker(var) as process:
            deadline = time.monotonic() + 120
            while not items_found(client, "สงกรานต์", notice) and process.poll() is None:
                assert time.monotonic() < deadline, "the worker did not index the item"
                time.sleep(0.5)
            errors = "" if process.poll() is None else process.stderr.read().decode()
        assert items_found(client, "สงกรานต์", notice) == [notice.title], errors
        notice.unpublish()
        assert items_found(client, "สงกรานต์", notice) == []


def test_the_command_indexes_every_page_again(db, unit, capsys):
    from django.core.management import call_command

    notice = item(unit, "ประกาศวันหยุดสงกรานต์")
    SearchEntry.objects.filter(page=notice).delete()
    assert items_found(Client(), "สงกรานต์", notice) == []
    call_command("update_search_entries", "--all")
    assert "จัดทำดัชนีการค้นหาของเว็บไซต์แล้ว" in capsys.readouterr().out
    assert items_found(Client(), "สงกรานต์", notice) == [notice.title]


def test_entries_restored_from_a_backup_are_found(db, unit, tmp_path):
    # A restore loads the entries' rows; the full-text tables are not in the archive.
    from django.core.management import call_command

    notice = item(unit, "ประกาศวันหยุดสงกรานต์")
    dump = tmp_path / "entries.json"
    call_command("dumpdata", "content.SearchEntry", output=str(dump), verbosity=0)
    SearchEntry.objects.all().delete()
    assert items_found(Client(), "สงกรานต์", notice) == []
    call_command("loaddata", str(dump), verbosity=0)
    assert items_found(Client(), "สงกรานต์", notice) == [notice.title]


def test_the_job_indexes_what_no_queued_job_did(db, unit):
    # Rows written in bulk (as an import would) save no page, so no job is queued for them.
    helpers.bulk_publish_items(category("pr-news"), unit, 3)
    assert list(find("รายการข้อมูลข่าวสาร", Page.objects.live()).ids) == []
    assert update_search_index.run_now() == "3 page(s) indexed"
    assert len(find("รายการข้อมูลข่าวสาร", Page.objects.live()).ids) == 3
    assert update_search_index.run_now() == "0 page(s) indexed"


@contextlib.contextmanager
def queue_on(path: Path):
    """This process queues its jobs in the file ``path`` (as the web server does) instead of
    running them at once, as the rest of the suite does."""
    storage = HUEY.storage
    HUEY.immediate = False  # resets the storage to the in-process memory queue
    HUEY.storage = SqliteStorage("prakat", filename=str(path))
    try:
        yield HUEY
    finally:
        HUEY.immediate = True
        HUEY.storage = storage


@contextlib.contextmanager
def worker(var: Path):
    """``manage.py run_huey`` on the test database, taking jobs from ``var``'s queue file."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        database = f"sqlite:///{settings['NAME']}"
    else:
        password = quote(settings["PASSWORD"] or "")
        database = (
            f"postgres://{quote(settings['USER'])}:{password}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}"
        )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    environment.pop("PRAKAT_JOBS_IMMEDIATE", None)
    environment.update(PRAKAT_VAR_DIR=str(var), DATABASE_URL=database)
    process = subprocess.Popen(
        [sys.executable, MANAGE, "run_huey", "--no-periodic", "--workers", "1", "--delay", "0.1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
