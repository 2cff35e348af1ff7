"""A category published by its own unit (Kamphaeng Phet: laws by the legal unit, jobs by HR,
procurement by the procurement unit): that unit's members open, check and publish its
requests from the request page, as a webmaster does; whether the webmasters may publish
them too is the agency's choice, row by row of its matrix, and the guideline says which."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from prakat.agency.models import Membership, Responsibility
from prakat.agency.roles import Role
from prakat.content.models import AgencyDocument, CategoryPage, InformationItemPage
from prakat.content.tests import helpers
from prakat.publishing.models import Notification
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act

pytestmark = pytest.mark.database_neutral

# The attached file has no text to scan, so the publisher confirms they checked it.
PUBLISH = {
    "action": "approve",
    "approve-comment": "",
    "approve-go_live_at": "",
    "approve-confirm_personal_data": "on",
}


@pytest.fixture
def legal(people, make_user):
    """The legal unit: an officer who asks, its head (``people.other_head``), and a
    colleague who puts laws online; the matrix lets the unit publish laws."""
    unit = Membership.objects.get(user=people.other_head).unit
    asker = make_user("legal", Role.REQUESTER, first_name="ปิยะนุช", last_name="ยุติธรรม")
    publisher = make_user("legalpub", Role.REQUESTER, first_name="ศิริพร", last_name="ชอบธรรม")
    Membership.objects.create(user=asker, unit=unit, position="นิติกรปฏิบัติการ")
    Membership.objects.create(user=publisher, unit=unit, position="นิติกรชำนาญการ")
    row = Responsibility.objects.create(
        agency=people.agency, category_key="laws", unit_publishes=True, reviewer="ฝ่ายนิติกร"
    )
    row.responsible_units.set([unit])

    class Legal:
        pass

    Legal.unit, Legal.asker, Legal.publisher, Legal.head, Legal.row = (
        unit, asker, publisher, people.other_head, row
    )  # fmt: skip
    return Legal


@pytest.fixture
def law_request(legal):
    """A law asked for by the legal officer and approved by the legal unit's head."""
    publication_request = submit(
        legal.asker,
        CategoryPage.objects.get(checklist_key="laws"),
        RequestDetails(
            title="ระเบียบกระทรวงสาธารณสุขว่าด้วยการจัดซื้อยา พ.ศ. 2569",
            summary="ระเบียบฉบับใหม่",
            source_reference="ราชกิจจานุเบกษา เล่ม 143 ตอนพิเศษ 250 ง",
            files=[SimpleUploadedFile("ระเบียบจัดซื้อยา.pdf", helpers.pdf_bytes())],
        ),
    )
    return act(publication_request, legal.head, "approve")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_publishing_unit_opens_checks_and_publishes_from_the_request_page(
    people, legal, law_request
):
    url = reverse("publishing:request_detail", args=[law_request.pk])
    publisher = signed_in(legal.publisher)

    # Told, and the notification leads to the request, which opens with the Publish button.
    told = Notification.objects.get(recipient=legal.publisher, request=law_request)
    assert "รอท่านดำเนินการ" in told.message
    assert (
        publisher.get(reverse("publication_requests:index"))
        .content.decode()
        .count("ระเบียบกระทรวงสาธารณสุขว่าด้วยการจัดซื้อยา")
        >= 1
    )
    page = publisher.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="action" value="approve"' in html and "เผยแพร่" in html
    # The file to check opens for them before anyone outside the unit can see it.
    document = AgencyDocument.objects.get(original_filename="ระเบียบจัดซื้อยา.pdf")
    assert publisher.get(document.url).status_code == 200
    assert signed_in(people.requester).get(document.url).status_code == 404
    assert Client().get(document.url).status_code == 404
    # The form and memo print for them too.
    assert (
        publisher.get(reverse("publishing:request_form_pdf", args=[law_request.pk])).status_code
        == 200
    )

    publisher.post(url, PUBLISH)
    item = InformationItemPage.objects.get(pk=law_request.page_id)
    assert item.live
    law_request.refresh_from_db()
    assert law_request.published_by == legal.publisher
    assert law_request.publisher_name == "ศิริพร ชอบธรรม"
    assert law_request.publisher_position == "นิติกรชำนาญการ"


def test_people_outside_the_publishing_unit_still_cannot_open_it(people, legal, law_request):
    url = reverse("publishing:request_detail", args=[law_request.pk])
    # Another unit's staff and head: not theirs to ask, approve or publish.
    assert signed_in(people.requester).get(url).status_code == 404
    assert signed_in(people.head).get(url).status_code == 404
    assert signed_in(people.requester).post(url, PUBLISH).status_code == 404
    assert not InformationItemPage.objects.get(pk=law_request.page_id).live
    # Nor does the legal unit reach requests of categories the matrix does not give it.
    news = submit(
        people.requester,
        CategoryPage.objects.get(checklist_key="pr-news"),
        RequestDetails(title="ข่าวกิจกรรมวันพยาบาล", summary="ภาพกิจกรรม"),
    )
    act(news, people.head, "approve")
    legal_publisher = signed_in(legal.publisher)
    assert (
        legal_publisher.get(reverse("publishing:request_detail", args=[news.pk])).status_code == 404
    )
    listing = legal_publisher.get(reverse("publication_requests:index")).content.decode()
    assert "ข่าวกิจกรรมวันพยาบาล" not in listing


def test_the_webmasters_publish_it_too_unless_the_matrix_leaves_it_to_the_unit(
    people, legal, law_request
):
    url = reverse("publishing:request_detail", args=[law_request.pk])
    webmaster = signed_in(people.webmaster)
    # By default the webmasters publish beside the unit, and are told so.
    assert Notification.objects.filter(recipient=people.webmaster, request=law_request)
    assert 'value="approve"' in webmaster.get(url).content.decode()

    legal.row.webmasters_publish_too = False
    legal.row.save()
    html = webmaster.get(url).content.decode()
    assert 'value="approve"' not in html  # they still read it: they oversee publishing
    webmaster.post(url, PUBLISH)
    assert not InformationItemPage.objects.get(pk=law_request.page_id).live
    signed_in(legal.publisher).post(url, PUBLISH)
    assert InformationItemPage.objects.get(pk=law_request.page_id).live


def test_a_unit_alone_is_not_told_to_webmasters(people, legal):
    legal.row.webmasters_publish_too = False
    legal.row.save()
    publication_request = submit(
        legal.asker,
        CategoryPage.objects.get(checklist_key="laws"),
        RequestDetails(title="ประกาศกฎกระทรวง", source_reference="ราชกิจจานุเบกษา"),
    )
    act(publication_request, legal.head, "approve")
    waiting = Notification.objects.filter(request=publication_request)
    told = set(waiting.exclude(recipient=legal.asker).values_list("recipient__username", flat=True))
    # The head was told first; at the publishing step only the unit's other members.
    assert told == {"legalhead", "legalpub"}


def test_the_guideline_says_who_puts_each_category_online(client, people, legal):
    pr = Responsibility.objects.create(agency=people.agency, category_key="public-relations")
    pr.responsible_units.set([people.unit])
    html = client.get("/publishing-guideline/").content.decode()
    assert "กลุ่มงานนิติการ และผู้ดูแลเว็บไซต์" in html
    legal.row.webmasters_publish_too = False
    legal.row.save()
    html = client.get("/publishing-guideline/").content.decode()
    rows = html[html.index("<tbody>") : html.index("</tbody>")].split("<tr>")
    law_row = next(r for r in rows if "กฎหมาย" in r)
    pr_row = next(r for r in rows if "ประชาสัมพันธ์" in r)
    assert "<td>กลุ่มงานนิติการ</td>" in law_row
    assert "<td>ผู้ดูแลเว็บไซต์</td>" in pr_row
