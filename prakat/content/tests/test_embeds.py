"""Videos, Facebook pages and maps on the public pages: each address people copy from
YouTube, Facebook, Google Maps or OpenStreetMap is shown in its provider's player; any other
address is refused; the public pages' content-security policy lets in exactly the providers
the agency allows, in the header and in the page itself (which nginx's copies keep); a page
saved with a provider the agency does not allow is refused in Thai."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from wagtail.embeds.blocks import EmbedValue
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from prakat.agency.embeds import frame_for
from prakat.agency.models import Agency
from prakat.agency.roles import Role
from prakat.content.models import CategoryPage

pytestmark = pytest.mark.database_neutral

EVERY_PROVIDER = (
    "https://www.facebook.com https://www.google.com https://www.openstreetmap.org "
    "https://www.youtube-nocookie.com"
)


@pytest.mark.parametrize(
    ("copied", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ",
         "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/aBcDeFgHiJk",
         "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk"),
        ("https://www.facebook.com/kphhospital/videos/1234567890123456/",
         "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com"
         "%2Fkphhospital%2Fvideos%2F1234567890123456%2F&show_text=false"),
        ("https://www.facebook.com/watch/?v=987654321",
         "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com"
         "%2Fwatch%2F%3Fv%3D987654321&show_text=false"),
        ("https://www.facebook.com/kphhospital",
         "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com"
         "%2Fkphhospital&tabs=timeline&width=500&height=600&adapt_container_width=true"),
        ("https://m.facebook.com/profile.php?id=100064589",
         "https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com"
         "%2Fprofile.php%3Fid%3D100064589&tabs=timeline&width=500&height=600"
         "&adapt_container_width=true"),
        ("https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3820",
         "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3820"),
        ("https://www.openstreetmap.org/export/embed.html?bbox=99.51,16.47,99.53,16.49&layer=mapnik",
         "https://www.openstreetmap.org/export/embed.html?bbox=99.51,16.47,99.53,16.49"
         "&layer=mapnik"),
    ],
)  # fmt: skip
def test_each_address_people_copy_is_shown_in_its_provider_s_player(copied, player):
    assert frame_for(copied).src == player


@pytest.mark.parametrize(
    "address",
    [
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",  # not over HTTPS
        "https://vimeo.com/76979871",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://user:secret@www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ%22%3E%3Cscript%3E",
        "https://www.facebook.com/sharer/sharer.php?u=https://evil.example",
        "https://www.facebook.com/groups/123456",
        "https://www.facebook.com/profile.php?id=abc",
        "https://www.google.com/maps/place/Kamphaeng+Phet",
        "https://www.google.com/url?q=https://evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_any_other_address_is_refused(address):
    assert frame_for(address) is None


def publish_home(home, blocks: list) -> None:
    home.body = blocks
    home.save_revision().publish()


def video(url: str, title: str = "วิดีโอแนะนำการบริจาคโลหิต") -> tuple:
    return ("embed", {"title": title, "embed": EmbedValue(url), "caption": ""})


def frame_src(response) -> str:
    return response["Content-Security-Policy"].split("frame-src ")[1].split(";")[0]


def meta_frame_src(html: str) -> str:
    return re.search(
        r'<meta http-equiv="Content-Security-Policy" content="frame-src ([^"]*)">', html
    ).group(1)


def test_a_video_on_the_home_page_plays_in_its_provider_s_frame_the_policy_allows(
    client, built_site
):
    publish_home(built_site.home, [video("https://youtu.be/dQw4w9WgXcQ")])
    response = client.get("/")
    html = response.content.decode()
    (frame,) = re.findall(r"<iframe [^>]*>", html)
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in frame
    assert 'title="วิดีโอแนะนำการบริจาคโลหิต"' in frame
    assert "<h2>วิดีโอแนะนำการบริจาคโลหิต</h2>" in html
    # A new agency allows every provider the site knows, and nothing else.
    assert frame_src(response) == EVERY_PROVIDER
    assert meta_frame_src(html) == EVERY_PROVIDER


def test_the_policy_names_exactly_the_providers_the_agency_allows(client, built_site):
    publish_home(
        built_site.home,
        [video("https://youtu.be/dQw4w9WgXcQ"),
         video("https://www.facebook.com/kphhospital", "เพจโรงพยาบาล")],
    )  # fmt: skip
    agency = Agency.current()
    agency.embed_providers = ["facebook"]
    agency.save()
    response = client.get("/")
    html = response.content.decode()
    assert frame_src(response) == "https://www.facebook.com"
    assert meta_frame_src(html) == "https://www.facebook.com"
    (frame,) = re.findall(r"<iframe [^>]*>", html)
    assert "https://www.facebook.com/plugins/page.php?" in frame
    # YouTube is no longer allowed: its video is a link, not a frame the browser refuses.
    assert '<a href="https://youtu.be/dQw4w9WgXcQ">วิดีโอแนะนำการบริจาคโลหิต (บนเว็บไซต์อื่น)</a>' in html

    agency.embed_providers = []
    agency.save()
    response = client.get("/")
    assert frame_src(response) == "'none'"
    assert "<iframe" not in response.content.decode()
    # Files carry no frames, whatever the agency allows.
    agency.embed_providers = ["youtube"]
    agency.save()
    assert frame_src(client.get("/sitemap.xml")) == "'none'"


def test_the_admin_s_preview_shows_the_frames_the_public_will_see(client, built_site, webmaster):
    client.force_login(webmaster)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[built_site.home.pk]))
    assert frame_src(response) == f"'self' {EVERY_PROVIDER}"


def home_form(home, blocks: list) -> dict:
    return nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": rich_text(""),
            "body": streamfield(blocks),
            "action-publish": "action-publish",
        }
    )


def test_a_video_from_a_provider_the_agency_does_not_allow_is_refused_in_thai(
    client, built_site, webmaster
):
    agency = Agency.current()
    agency.embed_providers = ["youtube", "openstreetmap"]
    agency.save()
    client.force_login(webmaster)
    home = built_site.home
    facebook = "https://www.facebook.com/kphhospital/videos/1234567890123456/"
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        home_form(home, [("embed", {"title": "ถ่ายทอดสด", "embed": facebook, "caption": ""})]),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "หน่วยงานไม่อนุญาตให้แสดงเนื้อหาจาก วิดีโอและเพจ Facebook บนหน้าเว็บไซต์ "
        "(ที่อนุญาต: วิดีโอ YouTube, แผนที่ OpenStreetMap)"
    ) in page
    home.refresh_from_db()
    assert "ถ่ายทอดสด" not in str(home.body.raw_data)
    assert "ถ่ายทอดสด" not in client.get("/").content.decode()


def test_an_address_no_provider_knows_is_refused_where_it_is_typed(client, built_site, webmaster):
    client.force_login(webmaster)
    home = built_site.home
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[home.pk]),
        home_form(
            home, [("embed", {"title": "คลิป", "embed": "https://vimeo.com/76979871",
                              "caption": ""})]
        ),
    )  # fmt: skip
    assert response.status_code == 200
    # Wagtail draws a block's errors from the data it writes, escaped, into the form.
    shown = re.sub(
        r"\\u([0-9a-f]{4})",
        lambda code: chr(int(code.group(1), 16)),
        unescape(response.content.decode()),
    )
    assert (
        '"embed": {"messages": ["ไม่รู้จักที่อยู่นี้: ฝังได้เฉพาะวิดีโอ YouTube หรือ Facebook, '
        'เพจ Facebook และแผนที่ Google Maps หรือ OpenStreetMap"]}'
    ) in shown
    home.refresh_from_db()
    assert "vimeo" not in str(home.body.raw_data)


def test_the_contact_map_is_framed_only_where_the_agency_allows_its_provider(client, built_site):
    agency = Agency.current()
    agency.latitude, agency.longitude = Decimal("16.482100"), Decimal("99.522600")
    agency.embed_providers = ["youtube"]
    agency.save()
    html = client.get(CategoryPage.objects.get(checklist_key="contact-map").url).content.decode()
    assert "<iframe" not in html
    assert '<a href="https://www.openstreetmap.org/?mlat=16.482100&amp;mlon=99.522600' in html

    # The agency's own map from Google, where it allows Google Maps.
    google = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3820"
    agency.embed_providers = ["google_maps"]
    agency.map_embed = google
    agency.full_clean()
    agency.save()
    response = client.get(CategoryPage.objects.get(checklist_key="contact-map").url)
    assert f'<iframe class="contact-map" src="{google}"' in response.content.decode()
    assert frame_src(response) == "https://www.google.com"


def test_a_map_address_is_checked_when_the_settings_are_saved(built_site):
    agency = Agency.current()
    agency.map_embed = "https://www.google.com/maps/place/Kamphaeng+Phet"
    with pytest.raises(Exception) as refused:
        agency.full_clean()
    assert refused.value.message_dict["map_embed"] == [
        "ที่อยู่นี้ไม่ใช่แผนที่สำหรับฝัง: ให้ใช้ที่อยู่ที่ Google Maps แสดงในเมนู แชร์ › "
        "ฝังแผนที่ (ขึ้นต้นด้วย https://www.google.com/maps/embed?pb=)"
    ]
    agency.map_embed = "https://www.google.com/maps/embed?pb=!1m18"
    agency.embed_providers = ["youtube"]
    with pytest.raises(Exception) as refused:
        agency.full_clean()
    assert refused.value.message_dict["map_embed"] == [
        "แผนที่ Google Maps ไม่อยู่ในรายการเว็บไซต์ที่หน้าเว็บไซต์แสดงเนื้อหาได้: เลือกไว้ในนโยบายการอัปโหลดก่อน"
    ]


def test_an_administrator_ticks_the_providers_in_the_agency_s_settings(
    client, built_site, make_user
):
    admin = make_user("itadmin", Role.ADMINISTRATOR)
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["agency", "agency", built_site.agency.site_id])
    html = client.get(url).content.decode()
    for key, label in [
        ("youtube", "วิดีโอ YouTube"),
        ("facebook", "วิดีโอและเพจ Facebook"),
        ("google_maps", "แผนที่ Google Maps"),
        ("openstreetmap", "แผนที่ OpenStreetMap"),
    ]:
        box = re.search(rf'<input type="checkbox" name="embed_providers" value="{key}"[^>]*>', html)
        assert box is not None and "checked" in box.group(0)
        assert label in html
