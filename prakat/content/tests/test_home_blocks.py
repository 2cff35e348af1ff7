"""The home page a webmaster composes: an alert, slides, news, quick links and banners, in the
webmaster's order, published without a publication request and logged; slides and alerts
shown only between their times; requesters do not change it."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import PageLogEntry, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from prakat.agency.identity import Identity
from prakat.agency.roles import Role
from prakat.content.home_blocks import LinkBlock, SlideBlock
from prakat.content.models import CategoryPage
from prakat.content.tests import helpers
from prakat.publishing.models import PublicationRequest

pytestmark = pytest.mark.database_neutral


def picture(title: str):
    image = get_image_model()(title=title)
    image.file = ContentFile(helpers.png_bytes(), name="picture.png")
    image.save()
    return image


def slide(image, alt: str, **times) -> dict:
    return {"image": image.pk, "alt": alt, "caption": "", "page": None, "url": "",
            "show_from": times.get("start"), "show_until": times.get("end")}  # fmt: skip


def compose(home, blocks: list[dict], user=None) -> None:
    home.body = blocks
    home.save_revision(user=user).publish(user=user)


def test_a_webmaster_publishes_an_alert_from_the_admin_without_a_request(
    client, built_site, webmaster
):
    home = built_site.home
    client.force_login(webmaster)
    alert = {"level": "danger", "text": "งดบริการผู้ป่วยนอกวันที่ 5 ธันวาคม", "link": "",
             "show_from": "", "show_until": ""}  # fmt: skip
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        nested_form_data(
            {
                "title": home.title,
                "slug": home.slug,
                "intro": rich_text(""),
                "body": streamfield([("alert", alert)]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/").content.decode()
    shown = re.search(
        r'<div class="home-alert home-alert--danger" role="note">(.*?)</div>', html, re.S
    )
    assert "ด่วน" in shown.group(1) and "งดบริการผู้ป่วยนอกวันที่ 5 ธันวาคม" in shown.group(1)
    # Published as the site's furniture: no request was made, and Wagtail logged who did it.
    assert not PublicationRequest.objects.exists()
    entry = PageLogEntry.objects.filter(page=home, action="wagtail.publish").latest("pk")
    assert entry.user == webmaster


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD])
def test_those_who_ask_to_publish_do_not_change_the_home_page(client, built_site, make_user, role):
    client.force_login(make_user("someone", role))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[built_site.home.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] != reverse(
        "wagtailadmin_pages:edit", args=[built_site.home.pk]
    )


def test_slides_and_alerts_are_shown_only_between_their_times(client, built_site):
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    current, ended, coming = picture("ปัจจุบัน"), picture("สิ้นสุด"), picture("ยังไม่ถึง")
    with helpers.committed():  # as after a commit: the worker records where pictures are used
        compose(
            built_site.home,
            [
                {"type": "alert", "value": {"level": "info", "text": "ประกาศที่หมดเวลาแล้ว",
                                            "link": "", "show_from": None,
                                            "show_until": now - hour}},
                {"type": "slides", "value": {"slides": [
                    slide(current, "ภาพกิจกรรมวันนี้", start=now - hour, end=now + hour),
                    slide(ended, "ภาพกิจกรรมที่จบแล้ว", end=now - hour),
                    slide(coming, "ภาพกิจกรรมที่ยังไม่ถึงเวลา", start=now + hour),
                ]}},
            ],
        )  # fmt: skip
    html = client.get("/").content.decode()
    assert 'alt="ภาพกิจกรรมวันนี้"' in html
    assert "ภาพกิจกรรมที่จบแล้ว" not in html and "ภาพกิจกรรมที่ยังไม่ถึงเวลา" not in html
    assert "ประกาศที่หมดเวลาแล้ว" not in html
    # The slide's picture is public once shown on the live home page.
    src = re.search(r'class="slide".*?src="([^"]+)"', html, re.S).group(1)
    assert client.get(src).status_code == 200


def test_news_highlights_show_the_latest_news_with_covers_in_the_webmaster_s_order(
    client, built_site, unit
):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    cover = picture("ภาพปกข่าว")
    with helpers.committed():
        for day, title in ((1, "ข่าวเก่าที่สุด"), (2, "ข่าวกลาง"), (3, "ข่าวล่าสุด")):
            helpers.publish_item(
                news, title, unit, cover_image=cover if day == 3 else None,
                published=datetime.datetime(2026, 11, day, 9, tzinfo=datetime.UTC),
            )  # fmt: skip
        compose(
            built_site.home,
            [
                {"type": "quick_links", "value": {"heading": "บริการ", "links": [
                    {"title": "ร้องเรียน", "page": None, "url": "/e-services/complaint/"}]}},
                {"type": "news", "value": {"heading": "ข่าวเด่น", "count": 2}},
            ],
        )  # fmt: skip
    html = client.get("/").content.decode()
    assert html.index("ร้องเรียน") < html.index("ข่าวเด่น")  # the webmaster's order
    cards = re.search(r'<ul class="news-cards">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', cards) == ["ข่าวล่าสุด", "ข่าวกลาง"]
    assert cards.index("<img") < cards.index("ข่าวล่าสุด")  # its cover beside it
    # The category's list shows the cover too.
    listing = client.get(news.url).content.decode()
    assert re.search(r'<img[^>]*class="item-cover"', listing)


def test_a_block_with_broken_times_or_links_is_refused_in_thai(built_site):
    now = timezone.now()
    before = (now - datetime.timedelta(hours=1)).isoformat()
    with pytest.raises(Exception) as broken:
        SlideBlock().clean(
            SlideBlock().to_python(
                {"image": picture("ภาพ").pk, "alt": "ภาพ", "caption": "", "page": None, "url": "",
                 "show_from": now.isoformat(), "show_until": before}
            )
        )  # fmt: skip
    assert "เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่มต้น" in str(broken.value.block_errors)
    with pytest.raises(Exception) as neither:
        LinkBlock().clean(LinkBlock().to_python({"title": "บริการ", "page": None, "url": ""}))
    assert "เลือกหน้าหรือใส่ที่อยู่ อย่างใดอย่างหนึ่ง" in str(neither.value.block_errors)
    with pytest.raises(Exception) as bad:
        LinkBlock().clean(
            LinkBlock().to_python({"title": "บริการ", "page": None, "url": "javascript:alert(1)"})
        )
    assert "ขึ้นต้นด้วย /" in str(bad.value.block_errors)
    for elsewhere in ("//evil.example/", "/\\evil.example/"):
        with pytest.raises(Exception) as other_site:
            LinkBlock().clean(
                LinkBlock().to_python({"title": "บริการ", "page": None, "url": elsewhere})
            )
        assert "ขึ้นต้นด้วย /" in str(other_site.value.block_errors), elsewhere


def test_mourning_greys_the_whole_site_between_its_times(client, built_site, webmaster):
    identity = Identity.for_site(Site.objects.get(is_default_site=True))
    now = timezone.now()
    ribbon = 'alt="หน่วยงานร่วมแสดงความอาลัย"'
    assert "mourning" not in client.get("/").content.decode()
    identity.mourning_from = now - datetime.timedelta(hours=1)
    identity.save()
    for path in ("/", reverse("search")):
        html = client.get(path).content.decode()
        assert '<html lang="th" class="mourning">' in html and ribbon in html, path
    identity.mourning_until = now - datetime.timedelta(minutes=1)
    identity.save()
    assert ribbon not in client.get("/").content.decode()
    # Set by a webmaster in the settings: the end before the start is refused in Thai.
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailsettings:edit", args=["agency", "identity", identity.site_id]),
        {"theme_colour": "#0b5a3c", "mourning_from": "2026-12-05 00:00",
         "mourning_until": "2026-12-01 00:00"},
    )  # fmt: skip
    assert "เวลาสิ้นสุดการแสดงความอาลัยต้องอยู่หลังเวลาเริ่มต้น" in response.content.decode()


def test_a_popup_announcement_is_on_the_home_page_only_while_it_is_shown(client, built_site):
    now = timezone.now()
    popup = {"title": "วันพ่อแห่งชาติ 5 ธันวาคม", "text": "ขอเชิญร่วมกิจกรรมเฉลิมพระเกียรติ",
             "image": None, "alt": "", "link": "", "show_from": now - datetime.timedelta(hours=1),
             "show_until": None}  # fmt: skip
    compose(built_site.home, [{"type": "popup", "value": popup}])
    html = client.get("/").content.decode()
    dialog = re.search(r'<dialog class="popup" data-popup="([0-9a-f-]{36})"', html)
    assert dialog and "วันพ่อแห่งชาติ 5 ธันวาคม" in html and "/static/js/popup.js" in html
    compose(built_site.home, [{"type": "popup", "value": {**popup, "show_until": now}}])
    assert 'class="popup"' not in client.get("/").content.decode()
