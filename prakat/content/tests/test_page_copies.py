"""Page copies for nginx: written only for what the page cache may give anyone, dropped the
moment the site changes, renewed after their time, and the views nginx gave from them counted
and logged. nginx itself giving them is prakat/tests/test_deploy_nginx.py's to prove."""

import datetime
import os
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.utils import timezone

from prakat.audit.tests.conftest import spool_lines
from prakat.content import page_copies, site_version
from prakat.content.models import CategoryPage
from prakat.content.signals import page_copies_viewed
from prakat.content.tests.helpers import publish_item
from prakat.statistics import counting
from prakat.statistics.models import PageView

pytestmark = pytest.mark.database_neutral

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def copies(settings, tmp_path) -> Path:
    settings.PAGE_COPIES_DIR = str(tmp_path / "copies")
    return tmp_path / "copies"


@pytest.fixture
def news(built_site):
    return CategoryPage.objects.get(checklist_key="pr-news")


def copy_of(copies: Path, path: str) -> Path:
    """Where nginx looks for the copy of ``path`` (root current/$host, ${uri}index.html)."""
    return copies / "current" / "testserver" / unquote(path).strip("/") / "index.html"


def test_a_kept_page_is_written_whole_where_nginx_looks(client, copies, news, unit):
    item = publish_item(news, "ประกาศรับสมัครพยาบาลวิชาชีพ", unit)
    page = client.get(item.url, HTTP_USER_AGENT=FIREFOX)
    assert page["X-Cache"] == "MISS"
    written = copy_of(copies, item.url)
    assert written.read_bytes() == page.content
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" in written.read_text(encoding="utf-8")
    assert oct(written.stat().st_mode & 0o777) == "0o644"  # nginx's workers read it
    assert not list(written.parent.glob(".copy-*"))  # nothing half-written left beside it


def test_nothing_personal_or_with_a_query_is_written(client, copies, news, unit, webmaster):
    client.get(news.url, {"page": "1"}, HTTP_USER_AGENT=FIREFOX)
    client.get("/survey/", HTTP_USER_AGENT=FIREFOX)  # a form with the visitor's token
    client.force_login(webmaster)
    client.get("/", HTTP_USER_AGENT=FIREFOX)
    written = [p for p in copies.rglob("index.html")]
    assert written == []


def test_a_change_points_nginx_at_an_empty_folder_at_once(client, copies, news, unit):
    client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    assert copy_of(copies, news.url).is_file()
    publish_item(news, "ข่าวประชาสัมพันธ์วันนี้", unit)
    assert not copy_of(copies, news.url).exists()
    page = client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    assert "ข่าวประชาสัมพันธ์วันนี้" in copy_of(copies, news.url).read_text(encoding="utf-8")
    assert page.content == copy_of(copies, news.url).read_bytes()


def test_copies_are_renewed_after_their_time_and_old_folders_removed(
    client, copies, news, settings
):

    settings.PAGE_CACHE_SECONDS = 1
    client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    old = copy_of(copies, news.url)
    first_folder = os.readlink(copies / "current")
    time.sleep(1.1)
    assert page_copies.renew(site_version.current()) == 0  # just made: nginx may be reading
    assert os.readlink(copies / "current") != first_folder
    assert not old.exists()
    a_minute_ago = time.time() - 61
    os.utime(copies / first_folder, (a_minute_ago, a_minute_ago))
    assert page_copies.renew(site_version.current()) == 1
    assert not (copies / first_folder).exists()


def nginx_line(when: datetime.datetime, port: int, user_agent: str, url: str = "/") -> str:
    """A line as deploy/nginx/prakat.conf's log_format prakat_page_copy writes it."""
    fields = [f"{when.timestamp() + 0.004:.3f}", "203.0.113.7", str(port), "GET", url, "200",
              "7191", "0.004", "testserver", user_agent]  # fmt: skip
    return "\t".join(fields) + "\n"


def test_the_views_nginx_gave_are_logged_and_counted_once_their_file_s_time_has_passed(
    copies, built_site, settings
):
    home = built_site.home
    now = timezone.now()
    counting.flush()  # views other tests of this process left waiting
    before = sum(PageView.objects.filter(page=home).values_list("views", flat=True))
    views = copies / "views"
    views.mkdir(parents=True)
    ended = now - datetime.timedelta(seconds=200)
    ended = ended.replace(microsecond=ended.microsecond // 1000 * 1000)  # nginx's milliseconds
    # nginx's map names a file by the Unix time without its last two digits.
    ended_file = views / f"{int(ended.timestamp()) // 100}.log"
    ended_file.write_text(
        nginx_line(ended, 50001, FIREFOX)
        + nginx_line(ended, 50002, "Googlebot/2.1 (+http://www.google.com/bot.html)")
        + "a line nginx never writes\n",
        encoding="utf-8",
    )
    under_way = views / f"{int(now.timestamp()) // 100}.log"
    under_way.write_text(nginx_line(now, 50003, FIREFOX), encoding="utf-8")
    (views / "unknown.log").write_text("", encoding="utf-8")  # not nginx's name: left alone

    assert page_copies.renew_page_copies.run_now() == (
        "2 views of page copies counted, 0 old folders removed"
    )
    # Both requests are in the traffic log as nginx saw them; the robot is not a reader.
    lines = spool_lines(count=2)
    assert [(x["address"], x["port"], x["url"], x["status"], x["bytes"]) for x in lines] == [
        ("203.0.113.7", "50001", "/", 200, 7191),
        ("203.0.113.7", "50002", "/", 200, 7191),
    ]
    assert lines[0]["time"] == timezone.localtime(ended).isoformat(timespec="microseconds")
    assert lines[0]["user_agent"] == FIREFOX and lines[0]["user"] == ""
    assert PageView.objects.get(page=home, day=timezone.localdate(ended)).views == before + 1
    # The file still being written waits for its time to pass; the read one is gone.
    assert sorted(p.name for p in views.iterdir()) == sorted([under_way.name, "unknown.log"])


def test_views_are_announced_a_batch_at_a_time(copies, built_site, monkeypatch):
    """A busy site's file holds millions of lines: they go out in batches, none lost."""
    monkeypatch.setattr(page_copies, "VIEWS_A_BATCH", 2)
    views = copies / "views"
    views.mkdir(parents=True)
    ended = timezone.now() - datetime.timedelta(seconds=200)
    (views / f"{int(ended.timestamp()) // 100}.log").write_text(
        "".join(nginx_line(ended, 50000 + n, FIREFOX) for n in range(5)), encoding="utf-8"
    )
    batches = []

    def heard(sender, views, **kwargs):
        batches.append([entry["port"] for _page_id, entry in views])

    page_copies_viewed.connect(heard)
    try:
        assert page_copies.count_views() == 5
    finally:
        page_copies_viewed.disconnect(heard)
    assert batches == [["50000", "50001"], ["50002", "50003"], ["50004"]]


def test_a_page_built_before_a_change_never_points_nginx_back_at_its_version(
    client, copies, news, unit, rf
):
    """A request that read the site's version before a change and ends after it must not
    move nginx's link back to that version's folder, where the old copies are."""
    client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    old_version = site_version.current()
    old_folder = os.readlink(copies / "current")
    publish_item(news, "ข่าวประชาสัมพันธ์วันนี้", unit)
    new_folder = os.readlink(copies / "current")
    assert new_folder != old_folder
    late = rf.get(news.url)
    page_copies.keep(late, old_version, b"<p>old</p>", "text/html; charset=utf-8", lambda: False)
    assert os.readlink(copies / "current") == new_folder
    assert not copy_of(copies, news.url).exists()
