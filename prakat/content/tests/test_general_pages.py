"""General pages and the menus: a webmaster writes pages for services, clinics and hours and
publishes them without a publication request (they are not checklist evidence: the ITA view
never lists them); ticked "show in menus", a page joins the main menu after the checklist's
categories, which keep their place and cannot be taken out of it from the editor; the footer's
own links are the webmaster's, after the links every page must carry. Requesters and unit
heads change none of it."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from prakat.agency.models import Agency
from prakat.agency.roles import Role
from prakat.content.checklist import load_checklist
from prakat.content.menus import FooterMenu
from prakat.content.models import CategoryPage, GeneralPage
from prakat.publishing.models import PublicationRequest

pytestmark = pytest.mark.database_neutral


def menu_titles(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav" aria-label="หมวดหมู่หลัก">(.*?)</nav>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(1))


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_a_webmaster_writes_a_services_page_and_puts_it_in_the_main_menu(
    client, built_site, webmaster
):
    home = built_site.home
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", home.pk]),
        nested_form_data(
            {
                "title": "เวลาทำการ",
                "slug": "hours",
                "intro": "เวลาเปิดให้บริการของแผนกผู้ป่วยนอก",
                "body": streamfield(
                    [
                        ("heading", "แผนกผู้ป่วยนอก"),
                        ("text", rich_text("<p>วันจันทร์ถึงวันศุกร์ 08.00–16.00 น.</p>")),
                    ]
                ),
                "show_in_menus": "on",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = GeneralPage.objects.get(slug="hours")
    assert page.live
    # Published as the site's own page: no request, and Wagtail logged who did it.
    assert not PublicationRequest.objects.exists()
    assert PageLogEntry.objects.get(page=page, action="wagtail.publish").user == webmaster

    html = client.get("/hours/").content.decode()
    assert "<h1>เวลาทำการ</h1>" in html
    assert '<p class="lead">เวลาเปิดให้บริการของแผนกผู้ป่วยนอก</p>' in html
    assert "<h2>แผนกผู้ป่วยนอก</h2>" in html
    assert "วันจันทร์ถึงวันศุกร์ 08.00–16.00 น." in html
    # The checklist's top categories first, in the checklist's order, then the page.
    categories = [entry.title_th for entry in load_checklist().top()]
    assert menu_titles(client.get("/").content.decode()) == [*categories, "เวลาทำการ"]


def test_a_page_not_shown_in_menus_is_reached_by_its_address_only(client, built_site):
    page = GeneralPage(title="ประวัติอาคาร", slug="buildings", body=[("heading", "อาคารผู้ป่วยนอก")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    assert client.get("/buildings/").status_code == 200
    assert "ประวัติอาคาร" not in menu_titles(client.get("/").content.decode())


def test_a_draft_general_page_is_not_shown(client, built_site):
    page = GeneralPage(title="ร่าง", slug="draft-page", body=[("heading", "ยังไม่เผยแพร่")])
    built_site.home.add_child(instance=page)
    page.unpublish()
    assert client.get("/draft-page/").status_code == 404
    assert "ร่าง" not in menu_titles(client.get("/").content.decode())


def test_sections_list_their_pages(client, built_site):
    services = GeneralPage(title="บริการ", slug="services", body=[("heading", "บริการ")])
    built_site.home.add_child(instance=services)
    services.save_revision().publish()
    clinic = GeneralPage(
        title="คลินิกเบาหวาน",
        slug="diabetes",
        body=[("text", RichText("<p>วันอังคาร เช้า</p>"))],
    )
    services.add_child(instance=clinic)
    clinic.save_revision().publish()
    html = client.get("/services/").content.decode()
    assert '<h2 id="subpages-heading">ในหัวข้อนี้</h2>' in html
    assert '<a href="/services/diabetes/">คลินิกเบาหวาน</a>' in html
    assert "วันอังคาร เช้า" in client.get("/services/diabetes/").content.decode()


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD])
def test_those_who_ask_to_publish_neither_write_nor_change_general_pages(
    client, built_site, make_user, role
):
    page = GeneralPage(title="บริการ", slug="services", body=[("heading", "บริการ")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(make_user("someone", role))
    for url in (
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", built_site.home.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:delete", args=[page.pk]),
        reverse("wagtailsettings:edit", args=["content", "footermenu", built_site.agency.site_id]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] != url


def test_a_category_cannot_be_taken_out_of_the_menu_from_its_editor(client, built_site, webmaster):
    category = CategoryPage.objects.get(checklist_key=load_checklist().top()[0].key)
    client.force_login(webmaster)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[category.pk])).content.decode()
    assert 'name="show_in_menus"' not in html
    assert 'name="slug"' in html  # the rest of the promote tab is still there


def test_general_pages_are_not_evidence_in_the_ita_view(client, built_site, webmaster):
    # A page whose title is an ITA entry's own words is still not evidence of it.
    page = GeneralPage(title="แผนปฏิบัติการประจำปี (หน้าทั่วไป)", slug="plan", body=[("heading", "แผน")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(webmaster)
    assert "(หน้าทั่วไป)" not in client.get(reverse("compliance:ita")).content.decode()
    assert "(หน้าทั่วไป)" not in client.get(reverse("compliance:dashboard")).content.decode()


def test_the_footer_carries_the_webmaster_s_links_after_those_every_page_must_carry(
    client, built_site, webmaster
):
    page = GeneralPage(title="การเดินทาง", slug="getting-here", body=[("heading", "รถประจำทาง")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(webmaster)
    url = reverse("wagtailsettings:edit", args=["content", "footermenu", built_site.agency.site_id])
    response = client.post(
        url,
        nested_form_data(
            {
                "links": streamfield(
                    [
                        ("link", {"title": "การเดินทาง", "page": page.pk, "url": ""}),
                        ("link", {"title": "กระทรวงสาธารณสุข", "page": "",
                                  "url": "https://www.moph.go.th/"}),
                    ]
                )
            }
        ),
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    shown = footer(client.get("/").content.decode())
    links = re.search(r'<nav aria-label="ลิงก์เพิ่มเติม">(.*?)</nav>', shown, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', links) == [
        ("/getting-here/", "การเดินทาง"),
        ("https://www.moph.go.th/", "กระทรวงสาธารณสุข"),
    ]
    # What every page must carry is still there, before them.
    assert shown.index("นโยบายความเป็นส่วนตัว") < shown.index("กระทรวงสาธารณสุข")
    assert '<a href="/survey/">ประเมินความพึงพอใจต่อเว็บไซต์</a>' in shown


def test_a_footer_link_elsewhere_must_be_a_web_address(client, built_site, webmaster):
    client.force_login(webmaster)
    url = reverse("wagtailsettings:edit", args=["content", "footermenu", built_site.agency.site_id])
    response = client.post(
        url,
        nested_form_data(
            {"links": streamfield([("link", {"title": "x", "page": "",
                                             "url": "javascript:alert(1)"})])}
        ),
    )  # fmt: skip
    assert response.status_code == 200
    assert not FooterMenu.objects.filter(links__icontains="javascript").exists()


def test_a_general_page_embeds_only_from_providers_the_agency_allows(built_site):
    from django.core.exceptions import ValidationError
    from wagtail.embeds.blocks import EmbedValue

    agency = Agency.current()
    agency.embed_providers = ["openstreetmap"]
    agency.save()
    page = GeneralPage(
        title="วิดีโอ",
        slug="video",
        body=[("embed", {"title": "แนะนำ", "embed": EmbedValue("https://youtu.be/dQw4w9WgXcQ"),
                         "caption": ""})],
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        built_site.home.add_child(instance=page)
    assert "หน่วยงานไม่อนุญาตให้แสดงเนื้อหาจาก วิดีโอ YouTube" in str(refused.value)


def edit_form(page) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "body": streamfield([("heading", "เวลาทำการใหม่")]),
        }
    )


def test_without_the_director_s_approval_nothing_of_the_skeleton_is_submitted_to_a_workflow(
    client, built_site, webmaster
):
    page = GeneralPage(title="บริการ", slug="services", body=[("heading", "บริการ")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(webmaster)
    category = CategoryPage.objects.child_of(built_site.home).first()
    for shown in (page, built_site.home, category):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[shown.pk])).content.decode()
        assert 'name="action-submit"' not in html, shown
    # A submission sent anyway (an old form, a crafted request) starts nothing.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_form(page), "action-submit": "action-submit"},
    )
    assert page.current_workflow_state is None


def test_where_the_director_approves_general_pages_a_webmaster_submits_and_the_director_publishes(
    client, built_site, webmaster, make_user
):
    agency = Agency.current()
    agency.general_pages_need_approval = True
    agency.save()
    director = make_user("director", Role.DIRECTOR)
    head = make_user("head", Role.UNIT_HEAD)
    page = GeneralPage(title="บริการ", slug="services", body=[("heading", "บริการ")])
    built_site.home.add_child(instance=page)
    page.unpublish()

    client.force_login(webmaster)
    for url in (
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", built_site.home.pk]),
    ):
        html = client.get(url).content.decode()
        assert 'name="action-publish"' not in html, url
        assert 'name="action-submit"' in html, url
    # Publishing straight from the editor is refused: the page stays off the site.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_form(page), "action-publish": "action-publish"},
    )
    page.refresh_from_db()
    assert not page.live
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_form(page), "action-submit": "action-submit"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state.workflow.name == "การอนุมัติหน้าทั่วไป"
    assert client.get("/services/").status_code == 404
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    # A unit head does not approve the agency's own pages.
    client.force_login(head)
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    client.force_login(director)
    response = client.post(approve, {"comment": ""})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert "เวลาทำการใหม่" in client.get("/services/").content.decode()
    entry = PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest("pk")
    assert entry.user == director


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD])
def test_a_draft_general_page_is_neither_removed_nor_seen_by_those_who_ask_to_publish(
    client, built_site, make_user, role
):
    draft = GeneralPage(title="ร่างหน้าประวัติอาคาร", slug="draft-buildings", body=[("heading", "x")])
    built_site.home.add_child(instance=draft)
    draft.unpublish()
    client.force_login(make_user("someone", role))
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, built_site.home.pk]))
    assert GeneralPage.objects.filter(pk=draft.pk).exists()
    listing = client.get("/admin/api/main/pages/", {"child_of": built_site.home.pk}).json()
    assert "ร่างหน้าประวัติอาคาร" not in [page["title"] for page in listing["items"]]
    assert client.get(f"/admin/api/main/pages/{draft.pk}/").status_code == 404
    explorer = client.get(reverse("wagtailadmin_explore", args=[built_site.home.pk]))
    assert "ร่างหน้าประวัติอาคาร" not in explorer.content.decode()


def test_a_link_to_a_page_taken_down_is_not_drawn(client, built_site):
    page = GeneralPage(title="การเดินทาง", slug="getting-here", body=[("heading", "รถ")])
    built_site.home.add_child(instance=page)
    page.save_revision().publish()
    menu = FooterMenu.for_site(built_site.agency.site)
    menu.links = [("link", {"title": "การเดินทาง", "page": page, "url": ""})]
    menu.save()
    assert '<a href="/getting-here/">การเดินทาง</a>' in footer(client.get("/").content.decode())
    page.unpublish()
    assert "/getting-here/" not in footer(client.get("/").content.decode())


def test_invisible_controls_typed_into_a_block_are_taken_out(client, built_site, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["content", "generalpage", built_site.home.pk]),
        nested_form_data(
            {
                "title": "บริการ",
                "slug": "services",
                "intro": "",
                # A right-to-left override and a zero-width space, as a pasted text may hold.
                "body": streamfield([("heading", "แผนก\u202eผู้ป่วย\u200bนอก")]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = GeneralPage.objects.get(slug="services")
    assert page.body[0].value == "แผนกผู้ป่วยนอก"
    assert "<h2>แผนกผู้ป่วยนอก</h2>" in client.get("/services/").content.decode()
