"""The request screens as staff use them, through Django's test client."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.tests import helpers
from prakat.publishing.models import PublicationRequest
from prakat.publishing.submission import RequestDetails, submit

pytestmark = pytest.mark.database_neutral


def form_data(category: CategoryPage, **extra):
    return {
        "category": str(category.pk),
        "title": "ประกาศรับสมัครพยาบาลวิชาชีพ",
        "summary": "รับสมัครจำนวน 2 อัตรา",
        "external_link": "",
        "remarks": "",
        **extra,
    }


def test_request_form_is_in_thai(client, people):
    client.force_login(people.requester)
    html = client.get(reverse("publishing:request_new")).content.decode()
    for label in ("ยื่นคำขอเผยแพร่ข้อมูล", "หมวดหมู่", "หัวข้อ", "รายละเอียดข้อมูล (โดยสรุป)",
                  "ลิงก์ภายนอก", "ที่มา / แหล่งอ้างอิง", "ช่วงวันที่ของข้อมูล ตั้งแต่", "เผยแพร่ถึงวันที่",
                  "หมายเหตุ"):  # fmt: skip
        assert label in html
    assert "ขนาดไม่เกินไฟล์ละ 4 MB" in html


def test_missing_details_are_refused_and_the_form_keeps_what_was_typed(client, people, news):
    client.force_login(people.requester)
    response = client.post(reverse("publishing:request_new"), form_data(news, summary=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "โปรดให้รายละเอียดข้อมูล" in html
    assert 'value="ประกาศรับสมัครพยาบาลวิชาชีพ"' in html
    assert not PublicationRequest.objects.exists()


def test_a_disguised_attachment_is_refused_and_nothing_is_saved(client, people, news, settings):
    client.force_login(people.requester)
    pages_before = InformationItemPage.objects.count()
    response = client.post(
        reverse("publishing:request_new"),
        {**form_data(news), "files": [SimpleUploadedFile("ประกาศ.pdf", helpers.exe_bytes())]},
    )
    html = response.content.decode()
    assert "เนื้อไฟล์ไม่ใช่ไฟล์ PDF" in html
    assert "โปรดแก้ไขไฟล์แล้วเลือกไฟล์อีกครั้ง" in html
    assert InformationItemPage.objects.count() == pages_before
    assert not PublicationRequest.objects.exists()
    assert not list((settings.MEDIA_ROOT).rglob("*.pdf"))


def test_submitting_with_an_attachment_creates_the_request(client, people, news):
    client.force_login(people.requester)
    response = client.post(
        reverse("publishing:request_new"),
        {**form_data(news), "files": [SimpleUploadedFile("ประกาศ.pdf", helpers.pdf_bytes())]},
    )
    created = PublicationRequest.objects.get()
    assert response.url == reverse("publishing:request_detail", args=[created.pk])
    page = created.page.get_latest_revision_as_object()
    assert [a.document.filename for a in page.attachments.all()] == ["ประกาศ.pdf"]
    detail = client.get(response.url).content.decode()
    assert "รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ" in detail
    assert "สุดา ใจดี, นักประชาสัมพันธ์" in detail


def test_laws_and_knowledge_ask_for_their_source(client, people):
    client.force_login(people.requester)
    regulations = CategoryPage.objects.get(checklist_key="laws-regulations")
    typed = form_data(regulations, title="ระเบียบกระทรวงสาธารณสุข ว่าด้วยการรักษาพยาบาล พ.ศ. 2569")
    refused = client.post(reverse("publishing:request_new"), typed)
    html = refused.content.decode()
    assert refused.status_code == 200 and not PublicationRequest.objects.exists()
    # The rule is named, under its field, and what was typed is kept.
    assert "หมวด “ระเบียบ ข้อบังคับ และประกาศ” ต้องระบุที่มา/แหล่งอ้างอิงของข้อมูล" in html
    assert "ระเบียบกระทรวงสาธารณสุข ว่าด้วยการรักษาพยาบาล พ.ศ. 2569" in html
    source = "ราชกิจจานุเบกษา เล่ม 143 ตอนพิเศษ 12 ง"
    client.post(reverse("publishing:request_new"), {**typed, "source_reference": source})
    created = PublicationRequest.objects.get()
    page = InformationItemPage.objects.get(pk=created.page_id).get_latest_revision_as_object()
    assert page.source_reference == source
    # A category that does not cite sources does not ask.
    news = CategoryPage.objects.get(checklist_key="pr-news")
    client.post(reverse("publishing:request_new"), form_data(news, title="ข่าวกิจกรรม"))
    assert PublicationRequest.objects.count() == 2


def test_pictures_attached_to_a_request_carry_a_credit(client, people):
    """A photo attached to a request names who took it: asked in the request form, kept on
    the item and shown beside the photo; a PDF alone asks for no credit."""
    client.force_login(people.requester)
    news = CategoryPage.objects.get(checklist_key="pr-news")
    photo = SimpleUploadedFile("ภาพกิจกรรมวันเด็ก.jpg", helpers.jpg_bytes(), content_type="image/jpeg")
    typed = form_data(news, title="กิจกรรมวันเด็กแห่งชาติ")
    refused = client.post(reverse("publishing:request_new"), {**typed, "files": [photo]})
    html = refused.content.decode()
    assert refused.status_code == 200 and not PublicationRequest.objects.exists()
    assert "ภาพต้องระบุผู้ถ่าย: โปรดระบุว่าใครถ่าย ภาพกิจกรรมวันเด็ก.jpg" in html
    assert "กิจกรรมวันเด็กแห่งชาติ" in html  # what was typed is kept
    photo.seek(0)
    client.post(
        reverse("publishing:request_new"),
        {**typed, "files": [photo], "photo_credit": "งานประชาสัมพันธ์"},
    )
    created = PublicationRequest.objects.get()
    page = InformationItemPage.objects.get(pk=created.page_id).get_latest_revision_as_object()
    assert page.cover_credit == "งานประชาสัมพันธ์"
    with publication_authorised():
        page.save_revision().publish()
    shown = client.get(InformationItemPage.objects.get(pk=page.pk).url).content.decode()
    assert "ภาพกิจกรรมวันเด็ก" in shown and "ภาพ: งานประชาสัมพันธ์" in shown
    # A PDF alone: no credit asked.
    leaflet = SimpleUploadedFile("แผ่นพับ.pdf", helpers.pdf_bytes(), content_type="application/pdf")
    client.post(
        reverse("publishing:request_new"), {**form_data(news, title="แผ่นพับ"), "files": [leaflet]}
    )
    assert PublicationRequest.objects.count() == 2


def test_entries_whose_items_cover_a_period_ask_for_it(client, people):
    client.force_login(people.requester)
    summary = CategoryPage.objects.get(checklist_key="procurement-monthly-summary")
    typed = form_data(summary, title="สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569")
    refused = client.post(reverse("publishing:request_new"), typed)
    html = refused.content.decode()
    assert refused.status_code == 200 and not PublicationRequest.objects.exists()
    rule = (
        "ข้อมูลแต่ละรายการในหมวด “สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)” ครอบคลุมช่วงเวลาหนึ่ง: "
        "ระบุวันเริ่มต้นและวันสิ้นสุดของข้อมูล"
    )
    assert html.count(rule) == 2  # under the first day and under the last day
    assert "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569" in html
    period = {"data_period_start": "01/10/2569", "data_period_end": "31/10/2569"}
    client.post(reverse("publishing:request_new"), {**typed, **period})
    created = PublicationRequest.objects.get()
    page = InformationItemPage.objects.get(pk=created.page_id).get_latest_revision_as_object()
    assert (str(page.data_period_start), str(page.data_period_end)) == ("2026-10-01", "2026-10-31")
    # News is renewed monthly, yet a news item covers no period: not asked.
    news = CategoryPage.objects.get(checklist_key="pr-news")
    client.post(reverse("publishing:request_new"), form_data(news, title="ข่าวกิจกรรม"))
    assert PublicationRequest.objects.count() == 2


def test_unit_head_must_give_a_reason_to_send_back(client, people, submitted):
    client.force_login(people.head)
    url = reverse("publishing:request_detail", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert "ส่งกลับแก้ไข" in page and "อนุมัติ" in page
    refused = client.post(url, {"action": "reject", "reject-detail": "ไม่ชัดเจน"})
    assert "โปรดเลือกเหตุผลที่ส่งคำขอกลับไปแก้ไข" in refused.content.decode()
    assert "ไม่ชัดเจน" in refused.content.decode()
    assert not submitted.decisions.exists()
    client.post(url, {"action": "reject", "reject-reason": "not_related", "reject-detail": ""})
    assert submitted.decisions.get().reason == "not_related"


def test_the_reason_a_request_came_back_heads_its_page(client, people, submitted):
    client.force_login(people.head)
    url = reverse("publishing:request_detail", args=[submitted.pk])
    assert 'id="sent-back"' not in client.get(url).content.decode()  # nothing came back yet
    client.post(url, {"action": "reject", "reject-reason": "other", "reject-detail": "แนบไฟล์ผิดฉบับ"})
    client.force_login(people.requester)
    page = client.get(url).content.decode()
    box = page.index('id="sent-back"')
    # Above everything else of the request: its status, its details, the decisions below.
    assert box < page.index('class="prakat-request"') < page.index('class="prakat-request-body"')
    top = page[box : page.index("</div>", box)]
    assert "ส่งกลับแก้ไขโดย วิชัย มั่นคง เมื่อ" in top
    assert "แนบไฟล์ผิดฉบับ" in top
    fix = reverse("publishing:request_fix", args=[submitted.pk])
    assert f'href="{fix}"' in top and page.count(f'href="{fix}"') == 1
    # The unit head reads why too, without the button that is the requester's.
    client.force_login(people.head)
    theirs = client.get(url).content.decode()
    assert "แนบไฟล์ผิดฉบับ" in theirs[theirs.index('id="sent-back"') :][:2000]
    assert f'href="{fix}"' not in theirs


def test_requests_of_other_units_cannot_be_opened_by_changing_the_id(client, people, submitted):
    client.force_login(people.other_head)
    assert client.get(reverse("publishing:request_detail", args=[submitted.pk])).status_code == 404
    client.force_login(people.webmaster)
    assert client.get(reverse("publishing:request_detail", args=[submitted.pk])).status_code == 200


def menu_labels(client) -> list[str]:
    """The admin menu's labels, as the sidebar script receives them."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    menu = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    return re.findall(r'"label": "([^"]*)"', menu)


def test_notifications_are_listed_with_an_unread_count(client, people, submitted):
    client.force_login(people.head)
    assert "การแจ้งเตือน (ยังไม่อ่าน 1)" in menu_labels(client)
    listing = client.get(reverse("notifications:index")).content.decode()
    assert "ขอเชิญร่วมบริจาคโลหิต" in listing
    client.post(reverse("notifications:index"))
    assert "การแจ้งเตือน" in menu_labels(client)


def test_dashboard_shows_what_waits_and_links_the_guide(client, people, submitted):
    client.force_login(people.head)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 คำขอรอท่านดำเนินการ" in dashboard
    assert reverse("publishing:guide") in dashboard
    guide = client.get(reverse("publishing:guide")).content.decode()
    assert "สำหรับหัวหน้ากลุ่มงานและผู้อำนวยการ" in guide
    assert reverse("publishing:guide_image", args=["01-request-form.png"]) in guide
    assert client.get(reverse("publishing:guide_image", args=["..%2Fth.html"])).status_code == 404


def test_admin_history_shows_buddhist_era_years(client, people, submitted):
    """Wagtail's own screens print dates through Django: in Thai they show B.E. years."""
    from django.utils import timezone

    client.force_login(people.head)  # the owner unit's people read an item's history
    history = client.get(reverse("wagtailadmin_pages:history", args=[submitted.page_id]))
    html = history.content.decode()
    year = timezone.localdate().year
    assert str(year + 543) in html
    assert f" {year}" not in html.replace(f"{year + 543}", "")


def test_wagtail_dashboard_lists_a_waiting_request_once(people, submitted):
    """Wagtail's "awaiting your review" panel ORs every task's states together."""
    from wagtail.models import TaskState

    for user in (people.head, people.webmaster):
        pks = list(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
        assert len(pks) == len(set(pks))
    assert TaskState.objects.reviewable_by(people.head).count() == 1
    assert TaskState.objects.reviewable_by(people.other_head).count() == 0


def test_request_form_takes_buddhist_era_dates(client, people, news):
    import datetime

    client.force_login(people.requester)
    response = client.post(
        reverse("publishing:request_new"),
        form_data(news, data_period_start="01/10/2569", data_period_end="30/09/2570",
                  publication_end="31/12/2569"),
    )  # fmt: skip
    assert response.status_code == 302
    page = PublicationRequest.objects.get().page.get_latest_revision_as_object()
    assert page.data_period_start == datetime.date(2026, 10, 1)
    assert page.data_period_end == datetime.date(2027, 9, 30)
    assert page.publication_end == datetime.date(2026, 12, 31)
    detail = client.get(response.url).content.decode()
    assert "1 ตุลาคม 2569 – 30 กันยายน 2570" in detail


def test_requests_are_found_by_a_thai_word_inside_the_topic(client, people, news):
    submit(people.requester, news, RequestDetails(title="ประกาศจัดซื้อจัดจ้างครุภัณฑ์", summary="x"))
    submit(people.requester, news, RequestDetails(title="ประวัติโรงพยาบาล", summary="x"))
    client.force_login(people.webmaster)
    html = client.get(reverse("publication_requests:index"), {"q": "จัดซื้อ"}).content.decode()
    assert "ประกาศจัดซื้อจัดจ้างครุภัณฑ์" in html
    assert "ประวัติโรงพยาบาล<" not in html
    both_words = client.get(reverse("publication_requests:index"), {"q": "ประกาศครุภัณฑ์"})
    assert "ประกาศจัดซื้อจัดจ้างครุภัณฑ์" in both_words.content.decode()


def test_the_publisher_corrects_source_and_period_on_the_request_page(client, people, submitted):
    url = reverse("publishing:request_detail", args=[submitted.pk])
    correction = {
        "action": "correct_details",
        "correct-source_reference": "หนังสือกระทรวงสาธารณสุข ที่ สธ 0201/ว 123",
        "correct-data_period_start": "01/10/2569",
        "correct-data_period_end": "31/10/2569",
    }
    refusal = "ผู้ที่เผยแพร่คำขอนี้เป็นผู้แก้ไขที่มาและช่วงเวลาของข้อมูล ในขั้นตอนการเผยแพร่เท่านั้น"

    def source_now() -> str:
        return submitted.page.get_latest_revision_as_object().source_reference

    # Not before the request reaches the webmaster's step, and never by the requester.
    client.force_login(people.webmaster)
    assert 'value="correct_details"' not in client.get(url).content.decode()
    assert refusal in client.post(url, correction, follow=True).content.decode()
    client.force_login(people.head)
    client.post(url, {"action": "approve"})
    client.force_login(people.requester)
    assert refusal in client.post(url, correction, follow=True).content.decode()
    assert source_now() == ""

    client.force_login(people.webmaster)
    assert 'value="correct_details"' in client.get(url).content.decode()
    backwards = {**correction, "correct-data_period_end": "01/09/2569"}
    refused = client.post(url, backwards).content.decode()
    assert "วันสิ้นสุดของช่วงข้อมูลต้องไม่ก่อนวันเริ่มต้น" in refused
    assert "หนังสือกระทรวงสาธารณสุข ที่ สธ 0201/ว 123" in refused  # what was typed is kept
    client.post(url, correction)
    client.post(url, {"action": "approve", "approve-comment": "", "approve-go_live_at": ""})
    live = InformationItemPage.objects.get(pk=submitted.page_id)
    assert live.live
    assert live.source_reference == "หนังสือกระทรวงสาธารณสุข ที่ สธ 0201/ว 123"
    assert (str(live.data_period_start), str(live.data_period_end)) == ("2026-10-01", "2026-10-31")


def test_the_fix_form_keeps_the_summary_and_the_files_already_attached(client, people, news):
    """Sent back for one word, the requester fixes that word: what was typed before and the
    files attached before are all still there, and sending it again needs nothing retyped."""
    typed = (
        "รับบริจาคโลหิต ณ ห้อง 2 <ชั้นล่าง>\nเวลา 08.30 – 15.30 น.\n\n"
        "ผู้บริจาคต้องมีอายุ 17 ปีขึ้นไป & น้ำหนัก 45 กก."
    )
    client.force_login(people.requester)
    client.post(
        reverse("publishing:request_new"),
        {**form_data(news, summary=typed),
         "files": [SimpleUploadedFile("กำหนดการ.pdf", helpers.pdf_bytes())]},
    )  # fmt: skip
    with_summary = PublicationRequest.objects.get()
    client.post(
        reverse("publishing:request_new"),
        {**form_data(news, title="ประกาศที่มีแต่ไฟล์แนบ", summary=""),
         "files": [SimpleUploadedFile("ประกาศผล.pdf", helpers.pdf_bytes())]},
    )  # fmt: skip
    files_only = PublicationRequest.objects.exclude(pk=with_summary.pk).get()
    client.force_login(people.head)
    for sent_back in (with_summary, files_only):
        client.post(
            reverse("publishing:request_detail", args=[sent_back.pk]),
            {"action": "reject", "reject-reason": "other", "reject-detail": "แก้ชื่อเรื่อง"},
        )

    client.force_login(people.requester)
    fix = reverse("publishing:request_fix", args=[with_summary.pk])
    form = client.get(fix).context["form"]
    assert form.initial["summary"] == typed
    assert form.attached == ["กำหนดการ.pdf"]
    html = client.get(fix).content.decode()
    assert "ไฟล์ที่แนบไว้แล้ว" in html and "กำหนดการ.pdf" in html

    # Only the title changed, nothing retyped: sent again, and the item's text is as typed.
    response = client.post(fix, form_data(news, title="ขอเชิญร่วมบริจาคโลหิต (แก้ไข)", summary=typed))
    assert response.status_code == 302, response.content.decode()
    page = with_summary.page.get_latest_revision_as_object()
    assert page.title == "ขอเชิญร่วมบริจาคโลหิต (แก้ไข)"
    assert [a.document.filename for a in page.attachments.all()] == ["กำหนดการ.pdf"]
    assert "&lt;ชั้นล่าง&gt;" in page.body and "45 กก." in page.body

    # A request that was only its files goes again with no summary and no file chosen again.
    fix = reverse("publishing:request_fix", args=[files_only.pk])
    response = client.post(fix, form_data(news, title="ประกาศที่มีแต่ไฟล์แนบ (แก้ไข)", summary=""))
    assert response.status_code == 302, response.content.decode()
    files_only.refresh_from_db()
    assert files_only.status_label == "รอหัวหน้ากลุ่มงานตรวจสอบและอนุมัติ"


def test_the_approver_sees_the_pictures_that_will_go_up(client, people, submitted):
    """A cover, a share picture and album photos are part of what is approved: the request's
    page shows each, with its description and credit, to whoever decides a step, though the
    pictures are not on the site yet."""
    page = InformationItemPage.objects.get(pk=submitted.page_id)
    draft = page.get_latest_revision_as_object()

    def picture(title):
        image = get_image_model()(title=title, uploaded_by_user=people.requester)
        image.file = ContentFile(helpers.png_bytes(), name="picture.png")
        image.save()
        return image

    cover = picture("ภาพปกงานบริจาคโลหิต")
    draft.cover_image, draft.cover_credit = cover, "งานประชาสัมพันธ์"
    draft.album = [{"type": "photo", "value": {
        "image": picture("ภาพผู้บริจาค").pk, "alt": "ผู้บริจาคลงทะเบียนหน้าห้องรับบริจาค",
        "credit": "นายภาพ สวยงาม"}}]  # fmt: skip
    draft.save_revision(user=people.requester)
    client.force_login(people.head)
    html = client.get(reverse("publishing:request_detail", args=[submitted.pk])).content.decode()
    pictures = html[html.index('class="prakat-request-pictures"') :]
    pictures = pictures[: pictures.index("</ul>")]
    assert pictures.count('src="data:image/png;base64,') == 2
    assert "ภาพปกงานบริจาคโลหิต — ภาพ: งานประชาสัมพันธ์" in pictures
    assert "ผู้บริจาคลงทะเบียนหน้าห้องรับบริจาค — ภาพ: นายภาพ สวยงาม" in pictures
