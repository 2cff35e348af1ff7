"""Right-to-left overrides and zero-width characters typed into titles, names and subjects
are taken out whichever screen saves them, so that "\u202efdp.exe" is never shown (in the
admin, on the site or in a PDF) as "exe.pdf"."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from prakat.agency.models import Unit
from prakat.agency.roles import Role
from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage
from prakat.content.tests import helpers
from prakat.content.tests.pdf_text import pdf_skeleton
from prakat.eservices.models import Case
from prakat.publishing.models import PublicationRequest
from prakat.publishing.submission import RequestDetails, submit

pytestmark = pytest.mark.database_neutral

RLO = "\u202e"
INVISIBLE = ("\u202e", "\u202d", "\u200b", "\u2066", "\u200f", "\u200d", "\ufeff")
# As typed: an override that flips "fdp.exe" to read "exe.pdf", and a zero-width space.
TITLE_TYPED = "ประกาศ\u200bผลสอบ \u202efdp.exe"
TITLE_KEPT = "ประกาศผลสอบ fdp.exe"


def assert_plain(text: str) -> None:
    assert not [ch for ch in INVISIBLE if ch in text], repr(text)


def test_a_request_title_is_kept_plain_in_the_item_its_draft_the_admin_and_the_pdf(
    client, people, news
):
    client.force_login(people.requester)
    response = client.post(
        reverse("publishing:request_new"),
        {"category": str(news.pk), "title": TITLE_TYPED, "summary": "รายละเอียด",
         "external_link": "", "remarks": ""},
    )  # fmt: skip
    assert response.status_code == 302
    publication_request = PublicationRequest.objects.get()
    page = publication_request.page.specific
    assert page.title == TITLE_KEPT and page.draft_title == TITLE_KEPT
    assert page.get_latest_revision().content["title"] == TITLE_KEPT
    assert page.get_latest_revision_as_object().title == TITLE_KEPT

    for url in (
        reverse("publishing:request_detail", args=[publication_request.pk]),
        reverse("publication_requests:index"),
        reverse("wagtailadmin_explore", args=[news.pk]),
    ):
        html = client.get(url).content.decode()
        assert "ประกาศผลสอบ fdp.exe" in html, url
        assert_plain(html)

    pdf = client.get(reverse("publishing:request_form_pdf", args=[publication_request.pk]))
    text = pdf_skeleton(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    assert "fdp.exe" in text and "exe.pdf" not in text
    assert_plain(text)


def test_an_update_keeps_its_draft_title_plain(people, news):
    first = submit(people.requester, news, RequestDetails(title="ตารางเวร"))
    page = first.page
    first.workflow_state.cancel(user=people.requester)
    submit(people.requester, news, RequestDetails(title="ตารางเวร\u2067 ใหม่\u2069"), item=page)
    page.refresh_from_db()
    assert page.draft_title == "ตารางเวร ใหม่"
    assert page.get_latest_revision().content["title"] == "ตารางเวร ใหม่"


def test_a_document_title_from_the_admin_is_kept_plain(client, webmaster):
    client.force_login(webmaster)
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "\u202efdp.exe", "file": SimpleUploadedFile("แบบฟอร์ม.pdf", helpers.pdf_bytes()),
         "collection": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    document = get_document_model().objects.get()
    assert document.title == "fdp.exe"
    listing = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "fdp.exe" in listing
    assert_plain(listing)


def test_a_persons_names_from_the_admin_are_kept_plain(client, built_site, make_user):
    admin = make_user("admin", Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {"username": "somsri", "email": "somsri@example.go.th",
         "first_name": "\u202eสมศรี", "last_name": "ใจ\u200bงาม",
         "password1": "Hospital-web-2569", "password2": "Hospital-web-2569"},
    )  # fmt: skip
    assert response.status_code == 302
    person = get_user_model().objects.get(username="somsri")
    assert (person.first_name, person.last_name) == ("สมศรี", "ใจงาม")


def test_a_unit_name_from_the_admin_is_kept_plain(client, built_site, make_user):
    admin = make_user("admin", Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailsnippets_agency_unit:add"),
        {"agency": str(built_site.agency.pk), "name": "งาน\u202eเภสัช", "name_en": "",
         "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0",
         "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Unit.objects.get(name__startswith="งาน").name == "งานเภสัช"


def test_a_complaint_subject_and_name_from_the_public_form_are_kept_plain(client, built_site):
    cache.clear()
    response = client.post(
        "/e-services/complaint/",
        {"kind": "general", "subject": "\u202etxt.exe ร้องเรียน", "details": "รายละเอียด",
         "contact_name": "สม\u200dชาย", "contact_email": "somchai@example.com",
         "attachments": [SimpleUploadedFile("ใบนัด\u202eกำหนดการ.pdf", helpers.pdf_bytes())]},
    )  # fmt: skip
    cache.clear()
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.subject == "txt.exe ร้องเรียน"
    assert case.contact_name == "สมชาย"
    assert case.attachments.get().original_filename == "ใบนัดกำหนดการ.pdf"


@pytest.mark.parametrize("field", ["title", "seo_title"])
def test_a_page_saved_by_any_code_is_kept_plain(built_site, unit, field):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    item = helpers.publish_item(news, "ข่าว", unit)
    setattr(item, field, "\u202eข่าว\u200b")
    with publication_authorised():
        item.save_revision().publish()
    item.refresh_from_db()
    assert getattr(item, field) == "ข่าว"
