"""Complaints and questions: the public's forms, the tracking code, the staff's steps, who
sees what, the Q&A list and the retention of contact details."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from prakat.agency.models import Agency, Membership
from prakat.agency.roles import Role
from prakat.content.tests.helpers import exe_bytes, pdf_bytes
from prakat.eservices import cases
from prakat.eservices.models import (
    Case,
    CaseAttachment,
    CaseEvent,
    CaseKind,
    CaseStatus,
    CorruptionComplaintHandlers,
)

COMPLAINT_URL = "/e-services/complaint/"
QUESTION_URL = "/e-services/question/"
TRACK_URL = "/e-services/track/"
NOT_FOUND = "ไม่พบเรื่องตามรหัสนี้"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(built_site):
    return Agency.current()


def complaint(agency, kind=CaseKind.GENERAL_COMPLAINT, **extra) -> Case:
    fields = {"subject": "เจ้าหน้าที่พูดจาไม่สุภาพ", "details": "ที่ห้องบัตร วันจันทร์ เวลา 9 โมง"}
    return cases.submit_case(agency, kind=kind, **{**fields, **extra})


def test_tracking_codes_are_long_unambiguous_unique_and_shown_in_groups(agency):
    codes = {cases.new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == 10
        assert set(code) <= set(cases.CODE_ALPHABET)
    assert not set("01ILOUV") & set(cases.CODE_ALPHABET)

    first, second = complaint(agency), complaint(agency)
    assert first.tracking_code != second.tracking_code
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}", first.display_code)
    # What a person types back, in any case, with or without dashes, finds the case.
    assert cases.find_case(first.display_code.lower()) == first
    assert cases.find_case(f" {first.tracking_code} ") == first
    assert cases.find_case("K7Q4-PX2M") is None


def test_a_citizen_sends_a_complaint_with_a_file_and_gets_a_code(client, agency, mailoutbox):
    response = client.post(
        COMPLAINT_URL,
        {
            "kind": "general",
            "subject": "รอตรวจนานเกินไป",
            "details": "รอที่แผนกผู้ป่วยนอกสามชั่วโมง",
            "contact_email": "somchai@example.com",
            "attachments": [SimpleUploadedFile("ใบนัด.pdf", pdf_bytes())],
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    case = Case.objects.get()
    assert case.display_code in page
    assert "ได้รับเรื่องของท่านแล้ว" in page
    # The code is mailed to the address given.
    assert case.display_code in mailoutbox[0].body
    # The file is stored where no URL leads: outside the media folder.
    stored = Path(case.attachments.get().file.path)
    assert stored.read_bytes() == pdf_bytes()
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    assert case.attachments.get().original_filename == "ใบนัด.pdf"
    assert case.events.get().action == CaseEvent.Action.RECEIVED


def test_bad_input_is_refused_in_thai_and_what_was_typed_is_kept(client, agency):
    response = client.post(
        COMPLAINT_URL,
        {"subject": "ห้องน้ำสกปรก", "details": "", "contact_phone": "12345", "contact_email": "a@"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "เลือกประเภทของเรื่องร้องเรียน" in page
    assert "เขียนรายละเอียด" in page
    assert "หมายเลขโทรศัพท์ 9 หรือ 10 หลัก" in page
    assert "ที่อยู่อีเมลให้ครบ" in page
    assert 'value="ห้องน้ำสกปรก"' in page
    assert 'value="12345"' in page
    assert not Case.objects.exists()


def test_a_file_the_upload_policy_refuses_is_named_and_nothing_is_stored(client, agency):
    response = client.post(
        COMPLAINT_URL,
        {
            "kind": "corruption",
            "subject": "เรียกรับเงิน",
            "details": "มีการเรียกรับเงินเพื่อให้ได้คิวเร็ว",
            "attachments": [SimpleUploadedFile("หลักฐาน.pdf", exe_bytes())],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "ไม่รับไฟล์ “หลักฐาน.pdf”" in page
    assert "เลือกไฟล์ใหม่อีกครั้ง" in page
    assert "มีการเรียกรับเงินเพื่อให้ได้คิวเร็ว" in page
    assert not Case.objects.exists() and not CaseAttachment.objects.exists()


def test_a_question_without_a_name_is_fine(client, agency):
    response = client.post(QUESTION_URL, {"subject": "เวลาทำการ", "details": "เปิดวันเสาร์ไหม"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == CaseKind.QUESTION and case.contact_name == ""


def test_programs_that_fill_the_hidden_field_store_nothing(client, agency):
    data = {"kind": "general", "subject": "ขายยา", "details": "ราคาถูก", "website": "spam.example"}
    assert client.post(COMPLAINT_URL, data).status_code == 302
    assert not Case.objects.exists()


def test_sending_is_limited_per_address(client, agency):
    data = {"subject": "คำถาม", "details": "รายละเอียด"}
    for _ in range(cases.SUBMISSIONS_PER_HOUR):
        assert client.post(QUESTION_URL, data).status_code == 302
    response = client.post(QUESTION_URL, data)
    assert response.status_code == 429
    assert "ลองใหม่ภายหลัง" in response.content.decode()
    assert Case.objects.count() == cases.SUBMISSIONS_PER_HOUR
    # Only a keyed hash of the address goes into the counter's name.
    assert cases.address_hash(type("R", (), {"META": {"REMOTE_ADDR": "127.0.0.1"}})) != (
        "127.0.0.1"
    )


def test_the_code_shows_status_and_reply_and_a_wrong_code_reveals_nothing(
    client, agency, webmaster
):
    case = complaint(agency)
    cases.reply(case, "ได้ตักเตือนเจ้าหน้าที่แล้ว ขออภัยในความไม่สะดวก", webmaster)

    page = client.post(TRACK_URL, {"code": case.display_code}).content.decode()
    assert "ตอบกลับแล้ว" in page
    assert "ได้ตักเตือนเจ้าหน้าที่แล้ว" in page
    assert str(timezone.localdate().year + 543) in page
    assert "ณัฐพล" not in page  # the staff member's name stays inside

    other = Case.objects.exclude(pk=case.pk)
    assert not other.exists()
    wrong = client.post(TRACK_URL, {"code": "ABCD-EFGH-JK"})
    malformed = client.post(TRACK_URL, {"code": "hello"})
    assert wrong.status_code == malformed.status_code == 404
    for response in (wrong, malformed):
        text = response.content.decode()
        assert NOT_FOUND in text
        assert case.subject not in text


def test_guessing_codes_is_limited_per_address(client, agency):
    for _ in range(cases.LOOKUPS_PER_HOUR):
        client.post(TRACK_URL, {"code": "ABCD-EFGH-JK"})
    case = complaint(agency)
    response = client.post(TRACK_URL, {"code": case.display_code})
    assert response.status_code == 429
    assert case.subject not in response.content.decode()


def step_url(step: str, case: Case) -> str:
    """Where the case's page posts one step (assign, reply, note, close, reopen, publish…)."""
    return reverse(f"eservices_admin:{step}", args=[case.pk])


@pytest.fixture
def staff_unit(unit, make_user):
    member = make_user("member", Role.REQUESTER, first_name="มานี", last_name="ใจงาม")
    Membership.objects.create(unit=unit, user=member, position="นักวิชาการ")
    return member


def test_every_step_is_recorded_with_who_and_when(client, agency, webmaster, unit):
    case = complaint(agency)
    client.force_login(webmaster)
    url = reverse("eservices_admin:case", args=[case.pk])
    steps = [
        ("assign", {"unit": unit.pk}),
        ("note", {"note-note": "โทรสอบถามหัวหน้าห้องบัตรแล้ว"}),
        ("reply", {"reply-reply": "ได้ดำเนินการแล้ว", "reply-note": "ปิดได้"}),
        ("close", {"close-note": ""}),
    ]
    for step, data in steps:
        response = client.post(step_url(step, case), data)
        assert response.status_code == 302 and response["Location"] == url
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.unit == unit and case.closed_at
    actions = list(case.events.values_list("action", "actor_name"))
    assert [a for a, _ in actions] == [
        "received", "assigned", "note", "replied", "note", "closed"
    ]  # fmt: skip
    assert all(name == "ณัฐพล ศรีสวัสดิ์" for _, name in actions[1:])
    times = list(case.events.values_list("at", flat=True))
    assert times == sorted(times)
    page = client.get(url).content.decode()
    assert "โทรสอบถามหัวหน้าห้องบัตรแล้ว" in page and "ณัฐพล ศรีสวัสดิ์" in page

    # A step with its required text missing is refused in Thai, and nothing is recorded.
    reopened = client.post(step_url("reopen", case))
    assert reopened.status_code == 302
    refused = client.post(step_url("reply", case), {"reply-reply": ""})
    assert refused.status_code == 400
    assert "เขียนคำตอบ" in refused.content.decode()
    assert case.events.count() == 7


def test_a_unit_member_sees_only_what_is_assigned_to_the_unit(client, agency, staff_unit, unit):
    assigned, other = complaint(agency), complaint(agency, subject="ที่จอดรถไม่พอ")
    assigned.unit = unit
    assigned.save()
    client.force_login(staff_unit)
    page = client.get(reverse("eservices_admin:index")).content.decode()
    assert assigned.display_code in page and other.display_code not in page
    assert client.get(reverse("eservices_admin:case", args=[other.pk])).status_code == 404


def test_corruption_complaints_are_seen_only_by_the_named_people(
    client, agency, webmaster, make_user
):
    director = make_user("director", Role.DIRECTOR)
    named = make_user("inspector", Role.REQUESTER)
    boss = make_user("root", is_superuser=True)
    admin = make_user("itadmin", Role.ADMINISTRATOR)
    case = complaint(
        agency,
        kind=CaseKind.CORRUPTION_COMPLAINT,
        files=[SimpleUploadedFile("หลักฐาน.pdf", pdf_bytes())],
    )
    attachment = case.attachments.get()
    CorruptionComplaintHandlers.for_site(agency.site).people.add(named)
    detail = reverse("eservices_admin:case", args=[case.pk])
    download = reverse("eservices_admin:attachment", args=[case.pk, attachment.pk])
    for person in (webmaster, director, boss, admin):
        client.force_login(person)
        assert (
            case.display_code not in client.get(reverse("eservices_admin:index")).content.decode()
        )
        assert client.get(detail).status_code == 404
        assert client.get(download).status_code == 404
        assert client.post(step_url("close", case)).status_code == 404
    client.force_login(named)
    assert case.display_code in client.get(reverse("eservices_admin:index")).content.decode()
    assert client.get(detail).status_code == 200
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert "attachment" in response["Content-Disposition"]


def handlers_url(agency) -> str:
    return reverse(
        "wagtailsettings:edit",
        args=["eservices", "corruptioncomplainthandlers", agency.site_id],
    )


def named_people(agency) -> set:
    return set(CorruptionComplaintHandlers.for_site(agency.site).people.all())


def test_only_administrators_name_the_handlers(client, agency, webmaster, make_user):
    admin = make_user("admin", Role.ADMINISTRATOR)
    named = make_user("inspector", Role.REQUESTER)
    url = handlers_url(agency)
    client.force_login(webmaster)
    # The earlier address leads to the setting; Wagtail sends a refused person back to the
    # dashboard.
    for address in (reverse("corruption_handlers:index"), url):
        refused = client.get(address)
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert client.post(url, {"people": [webmaster.pk]}).status_code == 302
    assert named_people(agency) == set()
    client.force_login(admin)
    assert client.get(reverse("corruption_handlers:index"))["Location"] == reverse(
        "wagtailsettings:edit", args=["eservices", "corruptioncomplainthandlers"]
    )
    assert client.get(url).status_code == 200
    assert client.post(url, {"people": [named.pk]}).status_code == 302
    assert named_people(agency) == {named}
    assert client.post(url, {}).status_code == 302
    assert named_people(agency) == set()


def test_handlers_are_chosen_by_thai_name_and_position(client, agency, make_user):
    from prakat.agency.models import Membership, Unit

    admin = make_user("admin", Role.ADMINISTRATOR)
    inspector = make_user("inspector", Role.REQUESTER, first_name="สมใจ", last_name="ตรงไป")
    audit_unit = Unit.objects.create(agency=agency, name="กลุ่มงานตรวจสอบภายใน")
    Membership.objects.create(user=inspector, unit=audit_unit, position="นักตรวจสอบภายใน")
    client.force_login(admin)
    html = client.get(handlers_url(agency)).content.decode()
    label = re.search(rf'value="{inspector.pk}"[^>]*>\s*([^<]*?)\s*</label>', html)
    assert label is not None and label.group(1) == "สมใจ ตรงไป, นักตรวจสอบภายใน"

    # Each person's position is read with the list, not one query a person.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(handlers_url(agency)).status_code == 200
        return len(captured)

    before = queries()
    for number in range(10):
        staff = make_user(f"staff{number}", Role.REQUESTER, first_name=f"คน{number}")
        Membership.objects.create(user=staff, unit=audit_unit, position="เจ้าพนักงาน")
    assert queries() == before


def test_an_answered_question_can_be_published_as_q_and_a(client, agency, webmaster):
    question = cases.submit_case(
        agency,
        kind=CaseKind.QUESTION,
        subject="ฉีดวัคซีนไข้หวัดใหญ่ได้ที่ไหน",
        details="ต้องนัดล่วงหน้าหรือไม่",
        contact_name="สมหญิง รักดี",
        contact_phone="0812345678",
    )
    hidden = cases.submit_case(
        agency, kind=CaseKind.QUESTION, subject="คำถามยังไม่ตอบ", details="รายละเอียด"
    )
    client.force_login(webmaster)
    url = reverse("eservices_admin:case", args=[question.pk])
    refused = client.post(step_url("publish", question), follow=True)  # no answer yet
    assert refused.redirect_chain == [(url, 302)]
    assert "เผยแพร่ได้เฉพาะคำถามที่ตอบแล้วเท่านั้น" in refused.content.decode()
    question.refresh_from_db()
    assert question.published_as_qa_at is None
    client.post(step_url("reply", question), {"reply-reply": "ไม่ต้องนัด มาได้ทุกวันพุธ"})
    client.post(step_url("publish", question))
    client.logout()

    page = client.get("/e-services/questions/").content.decode()
    assert "ฉีดวัคซีนไข้หวัดใหญ่ได้ที่ไหน" in page
    assert "ไม่ต้องนัด มาได้ทุกวันพุธ" in page
    assert str(timezone.localdate().year + 543) in page
    assert "สมหญิง" not in page and "0812345678" not in page
    assert hidden.subject not in page

    client.force_login(webmaster)
    client.post(step_url("unpublish", question))
    client.logout()
    assert "ฉีดวัคซีนไข้หวัดใหญ่ได้ที่ไหน" not in client.get("/e-services/questions/").content.decode()
    assert list(question.events.values_list("action", flat=True))[-2:] == [
        "published_qa", "unpublished_qa"
    ]  # fmt: skip


def test_contact_details_and_files_of_long_closed_cases_are_erased(
    agency, webmaster, django_capture_on_commit_callbacks
):
    now = timezone.now()
    old = complaint(
        agency,
        contact_name="สมชาย",
        contact_phone="0812345678",
        contact_email="somchai@example.com",
        files=[SimpleUploadedFile("รูป.pdf", pdf_bytes())],
    )
    recent = complaint(agency, contact_name="สมศรี")
    still_open = complaint(agency, contact_name="สมปอง")
    old_file = Path(old.attachments.get().file.path)
    for case, closed_days_ago in ((old, cases.RETENTION_DAYS + 1), (recent, 30)):
        cases.close(case, webmaster)
        Case.objects.filter(pk=case.pk).update(
            closed_at=now - datetime.timedelta(days=closed_days_ago)
        )

    with django_capture_on_commit_callbacks(execute=True):
        assert cases.erase_closed_case_contacts.run_now() == "1 case(s) erased"
    old.refresh_from_db()
    assert (old.contact_name, old.contact_phone, old.contact_email) == ("", "", "")
    assert old.contact_erased_at is not None
    assert not old.attachments.exists() and not old_file.exists()
    assert old.subject and old.details  # the record itself stays
    assert old.events.last().action == CaseEvent.Action.ERASED
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.contact_name == "สมศรี" and still_open.contact_name == "สมปอง"
    # Running again finds nothing more.
    assert cases.erase_expired_contacts() == 0
