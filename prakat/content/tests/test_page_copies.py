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
from prakat.content import page_copies
from prakat.content.models import CategoryPage
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
    from prakat.content import site_version

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


def test_the_views_nginx_gave_are_logged_and_counted_once_their_minute_has_ended(
    copies, built_site, settings
):
    home = built_site.home
    now = timezone.now()
    counting.flush()  # views other tests of this process left waiting
    before = sum(PageView.objects.filter(page=home).values_list("views", flat=True))
    views = copies / "views"
    views.mkdir(parents=True)
    ended = now - datetime.timedelta(minutes=2)
    ended = ended.replace(microsecond=ended.microsecond // 1000 * 1000)  # nginx's milliseconds
    (views / f"{timezone.localtime(ended):%Y-%m-%dT%H:%M}.log").write_text(
        nginx_line(ended, 50001, FIREFOX)
        + nginx_line(ended, 50002, "Googlebot/2.1 (+http://www.google.com/bot.html)")
        + "a line nginx never writes\n",
        encoding="utf-8",
    )
    this_minute = views / f"{timezone.localtime(now):%Y-%m-%dT%H:%M}.log"
    this_minute.write_text(nginx_line(now, 50003, FIREFOX), encoding="utf-8")

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
    # The minute still being written waits for its end; the read one is gone.
    assert sorted(p.name for p in views.iterdir()) == [this_minute.name]


def test_a_kept_page_asked_again_of_the_app_gets_its_copy_back(client, copies, news):
    """When nginx finds no copy (a new time slot's folder starts empty) while the app still
    keeps the page, the app's answer from its cache writes the copy again, so nginx is not
    left asking the app until the kept page runs out."""
    first = client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    copy_of(copies, news.url).unlink()  # as in a new, empty folder
    again = client.get(news.url, HTTP_USER_AGENT=FIREFOX)
    assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT")
    assert copy_of(copies, news.url).read_bytes() == again.content == first.content
