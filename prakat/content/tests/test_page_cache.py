"""The public page cache: a kept page is given to the next visitor, never to someone it does
not belong to, and never after anything shown on it has changed."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from prakat.agency.models import Agency
from prakat.content import site_version
from prakat.content.models import CategoryPage, SiteVersion
from prakat.content.tests.helpers import publish_item
from prakat.statistics import counting

pytestmark = pytest.mark.database_neutral

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def news(built_site):
    return CategoryPage.objects.get(checklist_key="pr-news")


@pytest.fixture
def item(news, unit):
    return publish_item(news, "ประกาศรับสมัครพยาบาลวิชาชีพ", unit)


def get(client, url, **headers):
    response = client.get(url, HTTP_USER_AGENT=FIREFOX, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return response


def test_the_second_visitor_gets_the_kept_page(client, item):
    first = get(client, item.url)
    assert first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, item.url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    # Only the site version is read: the page is not built again.
    assert [q["sql"] for q in queries if "content_siteversion" not in q["sql"]] == []
    # The kept page carries the site's headers.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_new_item_is_on_its_category_at_once(client, news, unit):
    publish_item(news, "ข่าวเก่า", unit)
    get(client, news.url)
    assert get(client, news.url)["X-Cache"] == "HIT"
    publish_item(news, "ข่าวประชาสัมพันธ์วันนี้", unit)
    page = get(client, news.url)
    assert page["X-Cache"] == "MISS"
    assert "ข่าวประชาสัมพันธ์วันนี้" in page.content.decode()


def test_an_item_taken_down_is_gone_at_once(client, news, item):
    get(client, item.url)
    get(client, news.url)
    assert get(client, item.url)["X-Cache"] == "HIT"
    item.unpublish()
    assert client.get(item.url, HTTP_USER_AGENT=FIREFOX).status_code == 404
    assert "ประกาศรับสมัครพยาบาลวิชาชีพ" not in get(client, news.url).content.decode()


def test_the_agencys_new_phone_number_is_in_every_footer_at_once(client, item, built_site):
    get(client, item.url)
    agency = Agency.objects.get(pk=built_site.agency.pk)
    agency.phone = "055-718-999"
    agency.save()
    assert "055-718-999" in get(client, item.url).content.decode()
    assert "055-718-999" in get(client, "/").content.decode()


def test_a_renamed_category_is_renamed_in_the_menu_and_breadcrumbs_at_once(client, news, item):
    old_title = news.title
    assert f'<a href="{news.url}">{old_title}</a>' in get(client, item.url).content.decode()
    news.title = "ข่าวสารของโรงพยาบาล"
    news.save_revision().publish()
    html = get(client, item.url).content.decode()
    # The item's breadcrumbs lead through its category, by the category's new title.
    breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert f'<a href="{news.url}">ข่าวสารของโรงพยาบาล</a>' in breadcrumbs
    assert f'<a href="{news.url}">{old_title}</a>' not in breadcrumbs


def test_signed_in_staff_neither_get_nor_leave_a_kept_page(client, item, make_user):
    webmaster = make_user("webmaster")
    get(client, item.url)  # kept for visitors
    client.force_login(webmaster)
    staff = get(client, item.url)
    assert "X-Cache" not in staff
    client.logout()
    client.cookies.clear()
    assert get(client, item.url)["X-Cache"] == "HIT"  # the visitors' copy, not the staff's


def test_a_form_with_a_token_is_never_kept(client, built_site):
    """The satisfaction survey's form carries a CSRF token belonging to one visitor."""
    first = get(client, "/survey/")
    assert "X-Cache" not in first
    client.cookies.clear()
    second = get(client, "/survey/")
    assert "X-Cache" not in second
    token = 'name="csrfmiddlewaretoken" value="'
    assert token in first.content.decode()
    first_token = first.content.decode().split(token)[1].split('"')[0]
    second_token = second.content.decode().split(token)[1].split('"')[0]
    assert first_token != second_token


def test_made_up_queries_are_not_kept(client, item):
    """A query string of the visitor's own choosing would fill the cache with copies."""
    for n in range(3):
        assert "X-Cache" not in get(client, f"{item.url}?nocache={n}")
    get(client, f"{item.url}?page=2")
    assert get(client, f"{item.url}?page=2")["X-Cache"] == "HIT"


def test_a_view_given_from_the_cache_is_counted(client, item, settings):
    settings.VIEWS_FLUSH_SECONDS = 3600
    counting.flush()
    for _ in range(3):
        get(client, item.url)
    assert counting.pending_views() == 3


def test_a_private_page_is_never_kept_for_visitors(client, news, item):
    get(client, item.url)
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(item.url, HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 302  # to the sign-in page
    assert "X-Cache" not in response


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_when_a_change_the_public_can_see_commits(committed_site):
    site_version.at_once.clear()  # as on a server: after the commit
    before = site_version.current()
    with transaction.atomic():
        Agency.objects.filter(pk=committed_site.agency.pk).first().save()
        assert site_version.current() == before  # nobody sees it before the commit
        transaction.set_rollback(True)
    assert site_version.current() == before  # rolled back: nothing changed

    from django.contrib.sessions.backends.db import SessionStore

    SessionStore().create()  # a visitor's session is seen by nobody else
    assert site_version.current() == before
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        committed_site.home.save_revision().publish()
        Agency.objects.filter(pk=committed_site.agency.pk).first().save()
    moves = [q for q in queries if q["sql"].startswith('UPDATE "content_siteversion"')]
    assert len(moves) == 1  # the page, its revision and the agency: one new version
    assert site_version.current() not in (before, 0)
    assert SiteVersion.objects.count() == 1


def test_a_visitor_with_a_message_waiting_gets_the_page_built_for_them(client, item):
    """A message (a thank-you after a form) travels in a cookie until a page shows it."""
    get(client, item.url)
    assert get(client, item.url)["X-Cache"] == "HIT"
    from django.contrib.messages.storage.cookie import CookieStorage

    client.cookies[CookieStorage.cookie_name] = "waiting"
    assert "X-Cache" not in get(client, item.url)
