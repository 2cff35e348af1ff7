"""The English version: the skeleton makes the English home as a draft; a webmaster writes
and publishes it and the pages under it, served under /en/ in English, linked from the Thai
pages once live. Thai stays the default at its own addresses; nothing English is checklist
evidence; requesters and unit heads change none of it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from prakat.agency.roles import Role
from prakat.content.english import EnglishHomePage
from prakat.content.models import CategoryPage, GeneralPage, InformationItemPage
from prakat.content.skeleton import build_site

pytestmark = pytest.mark.database_neutral


def english_home(built_site) -> EnglishHomePage:
    return EnglishHomePage.objects.get(translation_key=built_site.home.translation_key)


def publish_english(built_site, *pages: tuple[str, str]) -> EnglishHomePage:
    home = english_home(built_site)
    home.title = "Test Hospital"
    home.save_revision().publish()
    home.refresh_from_db()
    for title, slug in pages:
        page = GeneralPage(title=title, slug=slug, show_in_menus=True, body=[("heading", title)])
        home.add_child(instance=page)
        page.save_revision().publish()
    return home


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def menu_links(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def language_link(html: str) -> tuple[str, str] | None:
    found = re.search(r'<p class="language-link"><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    return found.groups() if found else None


def test_the_skeleton_makes_the_english_home_once_as_a_draft_in_english(built_site):
    home = english_home(built_site)
    assert not home.live
    assert home.locale.language_code == "en"
    assert home.get_parent().pk == built_site.home.get_parent().pk  # beside the Thai home
    build_site()
    assert EnglishHomePage.objects.count() == 1


def test_while_the_english_home_is_a_draft_nothing_is_served_under_en(client, built_site):
    category = CategoryPage.objects.filter(depth=3).first()
    assert client.get("/en/").status_code == 404
    # The Thai pages are not given under /en/ in the meantime.
    assert client.get(f"/en/{category.url_path.split('/', 2)[2]}").status_code == 404
    assert language_link(client.get("/").content.decode()) is None


def test_a_webmaster_publishes_the_english_home_and_writes_a_page_under_it(
    client, built_site, webmaster
):
    home = english_home(built_site)
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        nested_form_data(
            {
                "title": "Test Hospital",
                "slug": home.slug,
                "intro": "Information in English for patients from abroad.",
                "body": streamfield([("text", rich_text("<p>Welcome.</p>"))]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", home.pk]),
        nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "intro": "How to reach us.",
                "body": streamfield([("heading", "Telephone")]),
                "show_in_menus": "on",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = GeneralPage.objects.get(slug="contact")
    assert page.locale.language_code == "en"  # Wagtail gives it its parent's language
    assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user == webmaster
    client.logout()

    english = client.get("/en/").content.decode()
    assert html_lang(english) == "en"
    assert "<h1>Test Hospital</h1>" in english
    assert '<p class="lead">Information in English for patients from abroad.</p>' in english
    assert menu_links(english) == [("/en/", "Home"), ("/en/contact/", "Contact us")]
    assert language_link(english) == ("/", "ภาษาไทย")
    contact = client.get("/en/contact/")
    assert contact["Content-Language"] == "en"
    html = contact.content.decode()
    assert html_lang(html) == "en"
    assert "<h2>Telephone</h2>" in html
    assert '<a href="/en/">Home</a>' in html  # the breadcrumbs, in English

    thai = client.get("/").content.decode()
    assert html_lang(thai) == "th"
    assert language_link(thai) == ("/en/", "English")
    assert "Contact us" not in thai  # the Thai menu keeps the Thai pages


def test_thai_pages_stay_thai_at_their_own_addresses_whatever_the_browser_asks(client, built_site):
    publish_english(built_site, ("About us", "about"))
    category = CategoryPage.objects.filter(depth=3).first()
    assert category.url == f"/{category.url_path.split('/', 2)[2]}"  # no language prefix
    for path in ("/", category.url):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
        assert response["Content-Language"] == "th"
        assert html_lang(response.content.decode()) == "th"
    assert GeneralPage.objects.get(slug="about").url == "/en/about/"
    # A Thai page's address under /en/ is not a page.
    assert client.get(f"/en{category.url}").status_code == 404


def test_the_page_cache_keeps_each_language_apart(client, built_site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    publish_english(built_site, ("About us", "about"))
    for _round in range(2):
        assert html_lang(client.get("/en/").content.decode()) == "en"
        assert html_lang(client.get("/").content.decode()) == "th"
    assert client.get("/en/")["X-Cache"] == "HIT"


def test_taking_the_english_home_down_takes_the_english_pages_and_links_down(client, built_site):
    home = publish_english(built_site, ("About us", "about"))
    assert client.get("/en/about/").status_code == 200
    home.unpublish()
    assert client.get("/en/").status_code == 404
    assert client.get("/en/about/").status_code == 404
    assert language_link(client.get("/").content.decode()) is None


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.DIRECTOR])
def test_only_those_who_publish_change_the_english_pages(client, built_site, make_user, role):
    home = publish_english(built_site, ("About us", "about"))
    page = GeneralPage.objects.get(slug="about")
    client.force_login(make_user("someone", role))
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        nested_form_data(
            {"title": "Changed", "slug": "about", "body": streamfield([("heading", "x")]),
             "action-publish": "action-publish"}
        ),
    )  # fmt: skip
    assert edit.status_code in (302, 403)
    add = client.post(
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", home.pk]),
        nested_form_data(
            {"title": "Mine", "slug": "mine", "body": streamfield([("heading", "x")]),
             "action-publish": "action-publish"}
        ),
    )  # fmt: skip
    assert add.status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    page.refresh_from_db()
    assert page.title == "About us" and page.live
    assert not GeneralPage.objects.filter(slug="mine").exists()


def test_nothing_of_the_checklist_is_written_under_the_english_home(
    client, built_site, webmaster, make_user
):
    home = publish_english(built_site)
    for user in (webmaster, make_user("root", is_superuser=True)):
        client.force_login(user)
        # The add screen offers general pages only, and refuses the checklist's types.
        choose = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))
        offered = choose.content.decode()
        assert "categorypage" not in offered and "informationitempage" not in offered
        for model in ("categorypage", "informationitempage"):
            response = client.get(
                reverse("wagtailadmin_pages:add", args=["content", model, home.pk])
            )
            assert response.status_code in (302, 403)
    assert not CategoryPage.objects.descendant_of(home).exists()
    assert not InformationItemPage.objects.descendant_of(home).exists()


def test_a_thai_page_is_neither_moved_nor_copied_into_the_english_pages(
    client, built_site, webmaster
):
    home = publish_english(built_site)
    thai = GeneralPage(title="เวลาทำการ", slug="hours", body=[("heading", "เวลา")])
    built_site.home.add_child(instance=thai)
    thai.save_revision().publish()
    client.force_login(webmaster)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[thai.pk, home.pk]))
    thai.refresh_from_db()
    assert thai.get_parent().pk == built_site.home.pk
    client.post(
        reverse("wagtailadmin_pages:copy", args=[thai.pk]),
        {"new_title": "Hours", "new_slug": "hours", "new_parent_page": home.pk,
         "publish_copies": "on"},
    )  # fmt: skip
    assert not Page.objects.descendant_of(home).exists()


def test_the_english_pages_are_not_evidence_in_the_ita_view(client, built_site, webmaster):
    # An English page titled as an ITA entry is still not evidence of it.
    publish_english(built_site, ("Annual operating plan (English)", "plan"))
    client.force_login(webmaster)
    assert "(English)" not in client.get(reverse("compliance:ita")).content.decode()
    assert "(English)" not in client.get(reverse("compliance:dashboard")).content.decode()


def test_english_is_a_content_language_and_thai_the_default(built_site):
    assert Locale.get_default().language_code == "th"
    assert Locale.objects.filter(language_code="en").exists()


def test_the_sitemap_lists_the_english_pages_once_they_are_up(client, built_site):
    assert "/en/" not in client.get("/sitemap-english.xml").content.decode()
    publish_english(built_site, ("About us", "about"))
    shown = client.get("/sitemap-english.xml").content.decode()
    assert re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", shown) == ["/en/", "/en/about/"]
    assert "/sitemap-english.xml" in client.get("/sitemap.xml").content.decode()
    # The Thai pages' sitemap keeps to the Thai pages.
    assert "/en/" not in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD])
def test_the_english_home_in_draft_is_not_shown_to_those_who_ask_to_publish(
    client, built_site, make_user, role
):
    home = english_home(built_site)
    home.title = home.draft_title = "Draft welcome for patients"
    home.save()
    root = home.get_parent()
    client.force_login(make_user("someone", role))
    for url in (
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page_child", args=[root.pk]),
        reverse("wagtailadmin_choose_page_search") + "?q=Draft+welcome",
        reverse("wagtailadmin_explore", args=[root.pk]),
        f"/admin/api/main/pages/?child_of={root.pk}",
    ):
        assert "Draft welcome for patients" not in client.get(url).content.decode(), url
    assert client.get(f"/admin/api/main/pages/{home.pk}/").status_code == 404
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))
    assert preview.status_code in (302, 403, 404)


def test_a_page_kept_for_one_browser_language_is_given_to_the_others(client, built_site, settings):
    settings.PAGE_CACHE_SECONDS = 300
    publish_english(built_site)
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "MISS"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="th")["X-Cache"] == "HIT"
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="th")["X-Cache"] == "MISS"
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="en")
    assert english["X-Cache"] == "HIT"
    assert html_lang(english.content.decode()) == "en"


def test_where_the_director_approves_general_pages_the_english_home_goes_to_the_director(
    client, built_site, webmaster
):
    built_site.agency.general_pages_need_approval = True
    built_site.agency.save()
    home = english_home(built_site)
    client.force_login(webmaster)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        nested_form_data(
            {"title": "Test Hospital", "slug": home.slug, "intro": "", "body": streamfield([]),
             "action-publish": "action-publish"}
        ),
    )  # fmt: skip
    home.refresh_from_db()
    assert not home.live
    assert not home.permissions_for_user(webmaster).can_publish()
    assert home.permissions_for_user(webmaster).can_submit_for_moderation()


def test_nobody_deletes_or_moves_the_home_pages(client, built_site, webmaster, make_user):
    english = english_home(built_site)
    for user in (webmaster, make_user("root", is_superuser=True)):
        client.force_login(user)
        for home in (built_site.home, english):
            client.post(reverse("wagtailadmin_pages:delete", args=[home.pk]))
            assert Page.objects.filter(pk=home.pk).exists()
        client.post(reverse("wagtailadmin_pages:unpublish", args=[built_site.home.pk]))
        built_site.home.refresh_from_db()
        assert built_site.home.live
    assert CategoryPage.objects.filter(depth=3).exists()
