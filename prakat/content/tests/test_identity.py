"""The agency's look: logo, header picture, colour and share cards, set by a webmaster in the
admin and shown on every public page; a colour white text cannot be read on is refused."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Site

from prakat.agency.identity import Identity
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage
from prakat.content.tests import helpers

pytestmark = pytest.mark.database_neutral


def picture(title: str):
    image = get_image_model()(title=title)
    image.file = ContentFile(helpers.png_bytes(), name=f"{title}.png")
    image.save()
    return image


def category(key: str) -> CategoryPage:
    return CategoryPage.objects.get(checklist_key=key)


def identity() -> Identity:
    return Identity.for_site(Site.objects.get(is_default_site=True))


def settings_url() -> str:
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["agency", "identity", site.pk])


def post_colour(client, colour: str):
    return client.post(
        settings_url(), {"theme_colour": colour, "logo": "", "document_emblem": "",
                         "header_image": "", "share_image": ""}
    )  # fmt: skip


def test_a_colour_white_text_cannot_be_read_on_is_refused_with_its_ratio(
    client, built_site, webmaster
):
    client.force_login(webmaster)
    # #777777 against white is 4.48:1 (WCAG's formula by hand: luminance 0.1845,
    # 1.05 / 0.2345), just under AA's 4.5:1.
    response = post_colour(client, "#777777")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "ตัวอักษรสีขาวบนสี #777777 มีความต่างของสี 4.48:1 ต่ำกว่า 4.5:1 "
        "ที่ WCAG 2.1 ระดับ AA กำหนดสำหรับข้อความ โปรดเลือกสีที่เข้มกว่านี้"
    ) in html
    assert 'value="#777777"' in html  # what was typed is kept
    assert identity().theme_colour == "#0b5a3c"
    assert "theme.css" not in client.get("/").content.decode()
    # #767676 is 4.54:1: accepted.
    assert post_colour(client, "#767676").status_code == 302
    assert identity().theme_colour == "#767676"


def test_the_site_wears_the_agency_s_colour(client, built_site, webmaster):
    client.force_login(webmaster)
    assert post_colour(client, "#646464").status_code == 302
    client.logout()
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/theme.css?c=646464">' in html
    # The header's colour and, a quarter darker (100 × 0.75 = 75 = 0x4b), the menu's.
    css = client.get("/theme.css?c=646464").content.decode()
    assert css == ":root { --brand: #646464; --brand-dark: #4b4b4b; }\n"
    # An address naming another colour (an old page kept somewhere) leads to the current one.
    moved = client.get("/theme.css?c=0b5a3c")
    assert moved.status_code == 302 and moved["Location"] == "/theme.css?c=646464"
    # The page's policy still allows no inline style: the colour is a file of its own.
    assert "style-src 'self';" in client.get("/")["Content-Security-Policy"]


def test_logo_header_picture_and_icon_on_every_public_page(client, built_site, unit):
    look = identity()
    look.logo, look.header_image = picture("ตราโรงพยาบาล"), picture("อาคารโรงพยาบาล")
    look.save()  # public at once: no job has to run first
    item = helpers.publish_item(category("structure"), "โครงสร้างองค์กร", unit)
    for path in ("/", item.url, reverse("search")):
        html = client.get(path).content.decode()
        logo = re.search(r'<img[^>]*class="brand-logo"[^>]*>', html).group(0)
        assert 'alt=""' in logo  # the agency's name beside it says what it is
        assert re.search(r'<link rel="icon" type="image/png" sizes="32x32" href="/images/', html)
        assert re.search(r'<div class="header-image"><img[^>]*srcset="/images/', html), path
    # Anyone may fetch them: the setting shows them to everyone.
    src = re.search(r'class="brand-logo"[^>]*src="([^"]+)"|src="([^"]+)"[^>]*class="brand-logo"',
                    html)  # fmt: skip
    url = src.group(1) or src.group(2)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_each_page_has_its_share_card(client, built_site, unit):
    look = identity()
    look.share_image = picture("ภาพหน่วยงาน")
    with helpers.committed():
        look.save()
    own = picture("ภาพกิจกรรมวันเด็ก")
    with helpers.committed():
        item = helpers.publish_item(
            category("pr-news"), "กิจกรรมวันเด็กแห่งชาติ", unit, share_image=own,
            search_description="โรงพยาบาลจัดกิจกรรมวันเด็ก",
        )  # fmt: skip

    def card(path: str) -> dict[str, str]:
        html = client.get(path).content.decode()
        return dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))

    shown = card(item.url)
    assert shown["og:title"] == "กิจกรรมวันเด็กแห่งชาติ"
    assert shown["og:type"] == "article"
    root = Site.objects.get(is_default_site=True).root_url  # the site's own address
    assert shown["og:url"] == f"{root}{item.url}"
    assert shown["og:description"] == "โรงพยาบาลจัดกิจกรรมวันเด็ก"
    assert shown["og:image"].startswith(f"{root}/images/")
    assert shown["og:image:alt"] == "ภาพกิจกรรมวันเด็ก"
    assert shown["twitter:card"] == "summary_large_image"
    # A page without its own picture shows the agency's.
    listing = card(category("pr-news").url)
    assert listing["og:type"] == "website" and listing["og:image:alt"] == "ภาพหน่วยงาน"
    assert client.get(shown["og:image"].removeprefix(root)).status_code == 200


def test_a_draft_s_share_picture_stays_private_until_published(client, built_site, unit):
    """A picture chosen in a draft change of a live item is not public before the change is
    published: its address answers 404 to a visitor."""
    item = helpers.publish_item(category("pr-news"), "ข่าวประชาสัมพันธ์", unit)
    secret = picture("ภาพที่ยังไม่อนุมัติ")
    item.share_image = secret
    with helpers.committed():
        item.save_revision()
    rendition = secret.get_rendition("fill-1200x630")
    assert client.get(rendition.url).status_code == 404
    assert "ภาพที่ยังไม่อนุมัติ" not in client.get(item.url).content.decode()


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD, Role.AUDITOR])
def test_only_webmasters_and_administrators_change_the_look(client, built_site, make_user, role):
    client.force_login(make_user("someone", role))
    response = post_colour(client, "#333333")
    assert response.status_code in (302, 403)
    assert identity().theme_colour == "#0b5a3c"
