"""Attacks on who may read and change items, and on the ways around a publication request.

Each test is an attack that worked before the access policy: another unit's requester
changing an item through Wagtail's editor, reading its pending draft, fetching its files,
and items put on the site by copying, aliasing, moving or the admin API.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.actions.copy_page import CopyPageAction
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from prakat.agency.models import Executive, Membership
from prakat.agency.roles import Role
from prakat.content.going_live import PublicationNotAuthorised
from prakat.content.models import AgencyDocument, CategoryPage, HomePage, InformationItemPage
from prakat.content.storage import private_root
from prakat.content.tests import helpers
from prakat.publishing.models import PublicationRequest
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act
from prakat.publishing.views import waiting_for

REFUSED = (302, 403, 404)


@pytest.fixture
def legal_requester(people, make_user):
    """A requester of the legal unit: the attacker from another unit."""
    user = make_user("legalstaff", Role.REQUESTER, first_name="นิภา", last_name="ยุติธรรม")
    Membership.objects.create(user=user, unit=people.other_head_unit, position="นิติกร")
    return user


@pytest.fixture
def people(people):
    people.other_head_unit = Membership.objects.get(user=people.other_head).unit
    return people


@pytest.fixture
def live_item(people, news):
    """A PR item on the site, with its attachment."""
    document = helpers.make_document("กำหนดการ", "กำหนดการ.pdf")
    return helpers.publish_item(news, "กำหนดการบริจาคโลหิต", people.unit, attachments=[document])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def update_with_new_file(people, item) -> tuple[PublicationRequest, AgencyDocument]:
    """The PR requester asks to update ``item`` with a new attachment, still pending."""
    publication_request = submit(
        people.requester,
        item.get_parent().specific,
        RequestDetails(
            title="กำหนดการบริจาคโลหิต (แก้ไข)",
            summary="เปลี่ยนวันรับบริจาค",
            files=[SimpleUploadedFile("ร่างกำหนดการใหม่.pdf", helpers.pdf_bytes())],
        ),
        item=item,
    )
    document = AgencyDocument.objects.get(original_filename="ร่างกำหนดการใหม่.pdf")
    return publication_request, document


# --- 2. files of items that are not on the site -----------------------------------------


def test_documents_are_kept_outside_the_media_folder_under_random_names(people, news):
    document = helpers.make_document("คำสั่งแต่งตั้ง", "คำสั่งแต่งตั้ง.pdf")
    stored = Path(document.file.path)
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert stored.is_relative_to(private_root())
    name = stored.name
    assert "คำสั่ง" not in name and len(Path(name).stem) == 32
    # Nothing under /media/ leads to it: not its stored name, not its original one.
    anonymous = Client()
    assert anonymous.get(f"/media/{document.file.name}").status_code == 404
    assert anonymous.get(f"/media/documents/{name}").status_code == 404
    assert anonymous.get("/media/documents/คำสั่งแต่งตั้ง.pdf").status_code == 404


def test_a_pending_update_s_new_file_is_not_public_nor_open_to_other_units(
    people, live_item, legal_requester
):
    publication_request, document = update_with_new_file(people, live_item)
    assert Client().get(document.url).status_code == 404
    assert Client().get(f"/media/{document.file.name}").status_code == 404
    assert signed_in(legal_requester).get(document.url).status_code == 404
    assert signed_in(people.other_head).get(document.url).status_code == 404
    # The unit's own people and the webmaster who will publish it read it.
    assert signed_in(people.head).get(document.url).status_code == 200
    assert signed_in(people.requester).get(document.url).status_code == 200
    assert signed_in(people.webmaster).get(document.url).status_code == 200

    act(publication_request, people.head, "approve")
    act(publication_request, people.webmaster, "approve", confirm_personal_data=True)
    assert Client().get(document.url).status_code == 200

    InformationItemPage.objects.get(pk=live_item.pk).unpublish()
    assert Client().get(document.url).status_code == 404
    assert signed_in(legal_requester).get(document.url).status_code == 404


def test_a_new_item_s_file_is_not_public_before_it_is_published(people, news):
    publication_request = submit(
        people.requester,
        news,
        RequestDetails(
            title="ประกาศรับสมัคร",
            files=[SimpleUploadedFile("ใบสมัคร.pdf", helpers.pdf_bytes())],
        ),
    )
    document = AgencyDocument.objects.get(original_filename="ใบสมัคร.pdf")
    assert Client().get(document.url).status_code == 404
    act(publication_request, people.head, "approve")
    act(publication_request, people.webmaster, "approve", confirm_personal_data=True)
    assert Client().get(document.url).status_code == 200


def test_a_document_linked_from_no_live_page_is_not_public(people, news):
    orphan = helpers.make_document("เอกสารภายใน", "ภายใน.pdf")
    assert Client().get(orphan.url).status_code == 404
    assert signed_in(people.requester).get(orphan.url).status_code == 404
    assert signed_in(people.webmaster).get(orphan.url).status_code == 200


def test_images_come_only_through_the_image_view_and_only_while_used_on_the_site(
    people, news, built_site
):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    Image = get_image_model()
    draft_image = Image(title="ภาพร่าง")
    draft_image.file = ContentFile(helpers.png_bytes(), name="draft.png")
    draft_image.save()
    item = InformationItemPage(
        title="ข่าวที่ยังไม่เผยแพร่",
        owner_unit=people.unit,
        live=False,
        body=(
            f'<p>ภาพ</p><embed embedtype="image" id="{draft_image.pk}" '
            'format="fullwidth" alt="ภาพ"/>'
        ),
    )
    with helpers.committed():  # its use recorded, as after the commit
        news.add_child(instance=item)
    rendition = draft_image.get_rendition("width-400")
    assert rendition.url.startswith("/images/")
    assert not Path(rendition.file.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert Client().get(rendition.url).status_code == 404
    assert signed_in(people.webmaster).get(rendition.url).status_code == 200
    # The original upload has no URL at all.
    assert Client().get(f"/media/{draft_image.file.name}").status_code == 404

    photo = Image(title="ผู้อำนวยการ")
    photo.file = ContentFile(helpers.png_bytes(), name="director.png")
    photo.save()
    with helpers.committed():
        Executive.objects.create(agency=built_site.agency, name="นายแพทย์ใจดี", photo=photo)
    shown = photo.get_rendition("fill-160x200")
    response = Client().get(shown.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


# --- 3. another unit's items --------------------------------------------------------------


def test_another_unit_cannot_open_or_submit_an_item_in_the_editor(
    people, live_item, legal_requester
):
    attacker = signed_in(legal_requester)
    edit_url = f"/admin/pages/{live_item.pk}/edit/"
    assert attacker.get(edit_url).status_code in REFUSED
    response = attacker.post(
        edit_url,
        {
            "title": "แก้ไขโดยหน่วยงานอื่น",
            "slug": live_item.slug,
            "owner_unit": people.unit.pk,
            "body": "[]",
            "attachments-TOTAL_FORMS": "0",
            "album-count": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "action-submit": "1",
        },
    )
    assert response.status_code in REFUSED
    live_item.refresh_from_db()
    assert live_item.title == "กำหนดการบริจาคโลหิต"
    assert live_item.draft_title == "กำหนดการบริจาคโลหิต"
    assert not WorkflowState.objects.filter(object_id=str(live_item.pk)).exists()
    assert not PublicationRequest.objects.filter(page=live_item).exists()


def test_another_unit_reads_no_draft_preview_history_or_revision(
    people, live_item, legal_requester
):
    publication_request, _document = update_with_new_file(people, live_item)
    revision = live_item.get_latest_revision()
    attacker = signed_in(legal_requester)
    for url in (
        f"/admin/pages/{live_item.pk}/edit/",
        f"/admin/pages/{live_item.pk}/edit/preview/",
        f"/admin/pages/{live_item.pk}/history/",
        f"/admin/pages/{live_item.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{live_item.pk}/revisions/compare/live...{revision.pk}/",
        f"/admin/pages/{live_item.pk}/workflow_history/",
        f"/admin/pages/{live_item.pk}/usage/",
        f"/admin/publishing/{publication_request.pk}/",
        f"/admin/publishing/{publication_request.pk}/form.pdf",
    ):
        response = attacker.get(url)
        assert response.status_code in REFUSED, url
        assert "แก้ไข" not in response.content.decode() or response.status_code != 200, url
    # The unit's own head reads the draft to decide on it.
    assert signed_in(people.head).get(f"/admin/pages/{live_item.pk}/history/").status_code == 200


def test_the_document_chooser_and_admin_api_list_no_other_unit_s_pending_file(
    people, live_item, legal_requester
):
    _request, document = update_with_new_file(people, live_item)
    attacker = signed_in(legal_requester)
    chooser = attacker.get("/admin/documents/chooser/").json()["html"]
    assert "ร่างกำหนดการใหม่" not in chooser
    api = attacker.get("/admin/api/main/documents/").json()
    assert document.pk not in [d["id"] for d in api["items"]]
    own = signed_in(people.requester).get("/admin/documents/chooser/").json()["html"]
    assert "ร่างกำหนดการใหม่" in own


def test_another_unit_s_never_published_item_is_not_listed_or_found(people, news, legal_requester):
    with helpers.committed():  # indexed for search, as after the commit
        publication_request = submit(
            people.requester, news, RequestDetails(title="ร่างประกาศลับเฉพาะ", summary="x")
        )
    attacker = signed_in(legal_requester)
    listing = attacker.get(f"/admin/pages/{news.pk}/").content.decode()
    assert "ร่างประกาศลับเฉพาะ" not in listing
    found = attacker.get("/admin/pages/search/", {"q": "ร่างประกาศลับเฉพาะ"}).content.decode()
    assert f"/admin/pages/{publication_request.page_id}/" not in found
    assert "ไม่พบ" in found or "No pages" in found or "0" in found
    api = attacker.get("/admin/api/main/pages/", {"child_of": news.pk}).json()
    assert publication_request.page_id not in [p["id"] for p in api["items"]]
    assert attacker.get(f"/admin/api/main/pages/{publication_request.page_id}/").status_code == 404
    chooser = attacker.get(f"/admin/choose-page/{news.pk}/").json()["html"]
    assert "ร่างประกาศลับเฉพาะ" not in chooser
    # Its own unit sees it.
    own = signed_in(people.head).get(f"/admin/pages/{news.pk}/").content.decode()
    assert "ร่างประกาศลับเฉพาะ" in own
    own_search = signed_in(people.head).get("/admin/pages/search/", {"q": "ร่างประกาศลับเฉพาะ"})
    assert f"/admin/pages/{publication_request.page_id}/" in own_search.content.decode()
    own_chooser = signed_in(people.head).get(f"/admin/choose-page/{news.pk}/").json()["html"]
    assert "ร่างประกาศลับเฉพาะ" in own_chooser


def test_a_request_to_update_another_unit_s_item_is_refused(people, live_item, legal_requester):
    attacker = signed_in(legal_requester)
    response = attacker.post(
        "/admin/publishing/new/",
        {
            "category": live_item.get_parent().pk,
            "item": live_item.pk,
            "title": "แก้ไขข้ามหน่วยงาน",
            "summary": "x",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not PublicationRequest.objects.filter(page=live_item).exists()
    with pytest.raises(PermissionDenied):
        submit(
            legal_requester,
            live_item.get_parent().specific,
            RequestDetails(title="แก้ไขข้ามหน่วยงาน", summary="x"),
            item=live_item,
        )
    assert not PublicationRequest.objects.filter(page=live_item).exists()


def test_a_change_asked_from_the_editor_goes_to_the_owner_unit_s_head(people, live_item):
    """A member of two units edits the item of one: its head decides, not the other's."""
    Membership.objects.create(
        user=people.requester, unit=people.other_head_unit, position="นิติกร", sort_order=-1
    )
    editor = signed_in(people.requester)
    response = editor.post(
        f"/admin/pages/{live_item.pk}/edit/",
        {
            "title": "กำหนดการบริจาคโลหิต รอบใหม่",
            "slug": live_item.slug,
            "owner_unit": people.unit.pk,
            "body": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a1b2c",
                            "text": "รอบใหม่",
                            "type": "unstyled",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "external_link": "",
            "source_reference": "",
            "attachments-TOTAL_FORMS": "0",
            "album-count": "0",
            "attachments-INITIAL_FORMS": "0",
            "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000",
            "action-submit": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    publication_request = PublicationRequest.objects.get(page=live_item)
    assert publication_request.unit == people.unit
    assert publication_request in waiting_for(people.head)
    assert publication_request not in waiting_for(people.other_head)


def test_the_editor_refuses_another_unit_as_a_new_item_s_owner(people, news, legal_requester):
    def create(owner):
        return signed_in(legal_requester).post(
            f"/admin/pages/add/content/informationitempage/{news.pk}/",
            {
                "title": "ประกาศในนามหน่วยงานอื่น",
                "slug": "in-another-unit-s-name",
                "owner_unit": owner.pk,
                "body": json.dumps({"blocks": [], "entityMap": {}}),
                "external_link": "",
                "source_reference": "",
                "attachments-TOTAL_FORMS": "0",
                "album-count": "0",
                "attachments-INITIAL_FORMS": "0",
                "attachments-MIN_NUM_FORMS": "0",
                "attachments-MAX_NUM_FORMS": "1000",
            },
        )

    refused = create(people.unit)
    assert refused.status_code == 200  # the form again, with the error on the owner field
    assert not InformationItemPage.objects.filter(slug="in-another-unit-s-name").exists()
    accepted = create(people.other_head_unit)
    assert accepted.status_code == 302
    assert InformationItemPage.objects.get(slug="in-another-unit-s-name").owner_unit_id == (
        people.other_head_unit.pk
    )


def test_another_unit_s_private_picture_cannot_be_put_on_an_item(people, news, legal_requester):
    """The PR requester's upload, not yet on the site: the legal unit's requester neither
    finds it in the picture chooser nor gets it onto an item by its id (cover, share picture
    or album), so no approval can put another unit's private picture on the site."""
    image = get_image_model()(title="ภาพภายในของงานประชาสัมพันธ์", uploaded_by_user=people.requester)
    image.file = ContentFile(helpers.png_bytes(), name="private.png")
    image.save()
    attacker = signed_in(legal_requester)
    chooser = json.loads(attacker.get(reverse("wagtailimages_chooser:choose")).content)["html"]
    assert "ภาพภายในของงานประชาสัมพันธ์" not in chooser
    form = {
        "title": "ข่าวของงานนิติการ", "slug": "legal-news", "owner_unit": people.other_head_unit.pk,
        "body": json.dumps({"blocks": [], "entityMap": {}}), "external_link": "",
        "source_reference": "", "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0", "attachments-MAX_NUM_FORMS": "1000", "album-count": "0",
    }  # fmt: skip
    album = {"album-count": "1", "album-0-type": "photo", "album-0-deleted": "",
             "album-0-order": "0", "album-0-value-image": image.pk,
             "album-0-value-alt": "ภาพ", "album-0-value-credit": ""}  # fmt: skip
    message = "เลือกภาพที่หน่วยงานของท่านอัปโหลด หรืออัปโหลดภาพเอง: ภาพนี้ไม่ใช่ของหน่วยงานท่าน"
    for field, attempt in (
        ("cover_image", {"cover_image": image.pk}),
        ("share_image", {"share_image": image.pk}),
        ("album", album),
    ):
        refused = attacker.post(
            f"/admin/pages/add/content/informationitempage/{news.pk}/", {**form, **attempt}
        )
        assert refused.status_code == 200, field
        # Under the field it names (the album's is drawn by the editor's script).
        assert refused.context["form"].errors[field] == [message]
        assert not InformationItemPage.objects.filter(slug="legal-news").exists()
    assert (
        message
        in attacker.post(
            f"/admin/pages/add/content/informationitempage/{news.pk}/",
            {**form, "cover_image": image.pk},
        ).content.decode()
    )
    # Its own unit's requester may choose it.
    own = signed_in(people.requester).get(reverse("wagtailimages_chooser:choose"))
    assert "ภาพภายในของงานประชาสัมพันธ์" in json.loads(own.content)["html"]


# --- 4. ways around the request ----------------------------------------------------------


def test_copying_an_item_or_its_category_is_refused(people, live_item, news):
    webmaster = signed_in(people.webmaster)
    before = InformationItemPage.objects.count()
    assert webmaster.get(f"/admin/pages/{live_item.pk}/copy/").status_code in REFUSED
    for alias in ("", "on"):
        response = webmaster.post(
            f"/admin/pages/{live_item.pk}/copy/",
            {
                "new_title": "สำเนาปลอม",
                "new_slug": "fake-copy",
                "new_parent_page": news.pk,
                "publish_copies": "on",
                "alias": alias,
            },
        )
        assert response.status_code in REFUSED
    response = webmaster.post(
        f"/admin/pages/{news.pk}/copy/",
        {
            "new_title": "หมวดปลอม",
            "new_slug": "fake-category",
            "new_parent_page": news.get_parent().pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert response.status_code in REFUSED
    assert InformationItemPage.objects.count() == before
    assert not CategoryPage.objects.filter(slug="fake-category").exists()


def test_the_admin_api_page_actions_are_closed(people, live_item, news):
    webmaster = signed_in(people.webmaster)
    before = InformationItemPage.objects.count()
    for action, data in (
        ("copy", {"destination_page_id": news.pk, "keep_live": True, "slug": "api-copy"}),
        ("create_alias", {"destination_page_id": news.pk, "new_slug": "api-alias"}),
        ("move", {"destination_page_id": HomePage.objects.get().pk}),
        ("publish", {}),
    ):
        response = webmaster.post(
            f"/admin/api/main/pages/{live_item.pk}/action/{action}/",
            data=json.dumps(data),
            content_type="application/json",
        )
        assert response.status_code == 403, (action, response.content)
    assert InformationItemPage.objects.count() == before
    live_item.refresh_from_db()
    assert live_item.get_parent().pk == news.pk


def test_moving_a_live_item_to_another_category_is_refused(people, live_item):
    other = CategoryPage.objects.get(checklist_key="authority")
    webmaster = signed_in(people.webmaster)
    assert webmaster.get(f"/admin/pages/{live_item.pk}/move/").status_code in REFUSED
    response = webmaster.post(f"/admin/pages/{live_item.pk}/move/{other.pk}/")
    assert response.status_code in REFUSED
    live_item.refresh_from_db()
    assert live_item.get_parent().specific.checklist_key == "pr-news"


def test_bulk_publish_of_a_draft_item_is_refused(people, news):
    publication_request = submit(
        people.requester, news, RequestDetails(title="ร่างที่รออนุมัติ", summary="x")
    )
    webmaster = signed_in(people.webmaster)
    webmaster.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={publication_request.page_id}",
        {"include_descendants": ""},
    )
    assert not InformationItemPage.objects.get(pk=publication_request.page_id).live


def test_no_route_in_code_puts_an_item_live_outside_a_request(people, live_item, news):
    """Whatever screen is found next, the item's own save refuses it."""
    with pytest.raises(PublicationNotAuthorised):
        CopyPageAction(
            live_item, to=news, update_attrs={"slug": "code-copy"}, keep_live=True
        ).execute(skip_permission_checks=True)
    with pytest.raises(PublicationNotAuthorised):
        CreatePageAliasAction(live_item.specific, parent=news, update_slug="code-alias").execute(
            skip_permission_checks=True
        )
    draft = submit(people.requester, news, RequestDetails(title="ร่าง", summary="x")).page
    with pytest.raises(PublicationNotAuthorised):
        draft.get_latest_revision().publish(skip_permission_checks=True)
    assert not InformationItemPage.objects.filter(slug__in=["code-copy", "code-alias"]).exists()
    assert not InformationItemPage.objects.get(pk=draft.pk).live
