"""Who handles corruption complaints, and who read one, is in the audit log.

The attack: an administrator named themselves a handler, read a corruption complaint and its
file, and removed themselves again, leaving no trace. Now the list is a site setting whose
every change is logged with the names added and removed, each opening of such a complaint
is logged naming the person and the case, and people not named (administrators included)
still cannot open one.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import ModelLogEntry

from prakat.agency.models import Agency
from prakat.agency.roles import Role
from prakat.content.tests.helpers import pdf_bytes
from prakat.eservices import cases
from prakat.eservices.models import Case, CaseKind, CorruptionComplaintHandlers

HANDLERS_CHANGE = "prakat.corruption_handlers_change"
OPENED = "prakat.corruption_complaint_opened"


@pytest.fixture
def agency(built_site):
    return Agency.current()


@pytest.fixture
def admin(make_user):
    return make_user("itadmin", Role.ADMINISTRATOR, first_name="สมศักดิ์", last_name="ดูแลระบบ")


@pytest.fixture
def corruption_case(agency) -> Case:
    return cases.submit_case(
        agency,
        kind=CaseKind.CORRUPTION_COMPLAINT,
        subject="หัวหน้างานพัสดุรับเงินผู้รับจ้าง",
        details="เห็นการรับเงินที่ลานจอดรถ",
        files=[SimpleUploadedFile("หลักฐาน.pdf", pdf_bytes())],
    )


def handlers_url(agency) -> str:
    return reverse(
        "wagtailsettings:edit",
        args=["eservices", "corruptioncomplainthandlers", agency.site_id],
    )


def entries(action: str) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.filter(action=action).order_by("timestamp", "pk"))


def test_naming_reading_and_leaving_all_leave_a_trace(
    client, agency, admin, make_user, corruption_case
):
    inspector = make_user("inspector", Role.REQUESTER, first_name="วิไล", last_name="ตรงธรรม")
    attachment = corruption_case.attachments.get()
    page = reverse("eservices_admin:case", args=[corruption_case.pk])
    download = reverse("eservices_admin:attachment", args=[corruption_case.pk, attachment.pk])
    client.force_login(admin)

    # Not named: the complaint does not exist for the administrator.
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404

    # Names themselves and a colleague, reads the complaint and its file, and leaves.
    assert (
        client.post(handlers_url(agency), {"people": [admin.pk, inspector.pk]}).status_code == 302
    )
    assert client.get(page).status_code == 200
    response = client.get(download)
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert client.post(handlers_url(agency), {"people": [inspector.pk]}).status_code == 302
    assert client.get(page).status_code == 404

    changes = entries(HANDLERS_CHANGE)
    assert [(e.user, e.data.get("added"), e.data.get("removed")) for e in changes] == [
        (admin, ["วิไล ตรงธรรม (inspector)", "สมศักดิ์ ดูแลระบบ (itadmin)"], None),
        (admin, None, ["สมศักดิ์ ดูแลระบบ (itadmin)"]),
    ]
    opened = entries(OPENED)
    assert [(e.user, e.object_id, e.data.get("attachment")) for e in opened] == [
        (admin, str(corruption_case.pk), None),
        (admin, str(corruption_case.pk), attachment.pk),
    ]
    # The log names the case by its number: its subject may name the person complained
    # about, and its tracking code opens the public tracking page.
    for entry in opened:
        assert entry.label == f"เรื่องร้องเรียนเลขที่ {corruption_case.pk}"
        assert corruption_case.tracking_code not in str(entry.data)
        assert corruption_case.subject not in entry.label


def test_the_audit_report_shows_the_entries_in_thai(
    client, agency, admin, make_user, corruption_case
):
    auditor = make_user("auditor", Role.AUDITOR)
    client.force_login(admin)
    client.post(handlers_url(agency), {"people": [admin.pk]})
    client.get(reverse("eservices_admin:case", args=[corruption_case.pk]))
    client.post(handlers_url(agency), {"people": []})

    client.force_login(auditor)
    html = client.get(reverse("audit_log")).content.decode()
    assert "เปลี่ยนผู้รับเรื่องร้องเรียนการทุจริต (เพิ่ม: สมศักดิ์ ดูแลระบบ (itadmin))" in html
    assert "เปลี่ยนผู้รับเรื่องร้องเรียนการทุจริต (นำออก: สมศักดิ์ ดูแลระบบ (itadmin))" in html
    assert f"เปิดอ่านเรื่องร้องเรียนการทุจริตเลขที่ {corruption_case.pk}" in html
    assert corruption_case.subject not in html
    # The report's action filter offers both, by their Thai names.
    for action, label in (
        (OPENED, "เปิดอ่านเรื่องร้องเรียนการทุจริต"),
        (HANDLERS_CHANGE, "เปลี่ยนผู้รับเรื่องร้องเรียนการทุจริต"),
    ):
        assert re.search(
            rf'value="{re.escape(action)}" id="id_action_\d+">\s*{label}</label>', html
        )


def test_a_change_made_outside_the_settings_screen_is_logged_too(agency, make_user):
    someone = make_user("someone", first_name="มานะ", last_name="อดทน")
    setting = CorruptionComplaintHandlers.for_site(agency.site)
    setting.people.add(someone)
    setting.people.clear()
    assert [(e.data.get("added"), e.data.get("removed")) for e in entries(HANDLERS_CHANGE)] == [
        (["มานะ อดทน (someone)"], None),
        (None, ["มานะ อดทน (someone)"]),
    ]


def test_opening_a_general_complaint_is_not_a_corruption_entry(client, agency, webmaster):
    case = cases.submit_case(
        agency, kind=CaseKind.GENERAL_COMPLAINT, subject="ห้องน้ำสกปรก", details="ชั้นสอง"
    )
    client.force_login(webmaster)
    assert client.get(reverse("eservices_admin:case", args=[case.pk])).status_code == 200
    assert entries(OPENED) == []


def test_people_wagtail_does_not_allow_cannot_change_the_list(client, agency, make_user):
    """Only those Wagtail's permission policy allows reach the setting: an executive, who
    sees every general complaint, may not name anyone."""
    executive = make_user("executive", Role.EXECUTIVE)
    client.force_login(executive)
    response = client.post(handlers_url(agency), {"people": [executive.pk]})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not CorruptionComplaintHandlers.for_site(agency.site).people.exists()
    assert entries(HANDLERS_CHANGE) == []


@pytest.mark.django_db(transaction=True)
def test_handlers_named_before_are_carried_over_with_who_named_them(committed_site, make_user):
    agency = Agency.current()
    admin = make_user("itadmin", first_name="สมศักดิ์", last_name="ดูแลระบบ")
    inspector = make_user("inspector", first_name="วิไล", last_name="ตรงธรรม")
    executor = MigrationExecutor(connection)
    before = [("eservices", "0001_initial")]
    after = [("eservices", "0002_corruption_handlers_setting")]
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        old = old_apps.get_model("eservices", "CorruptionComplaintHandler")
        old.objects.create(agency_id=agency.pk, user_id=inspector.pk, named_by_id=admin.pk)
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes("eservices"))
    assert set(CorruptionComplaintHandlers.for_site(agency.site).people.all()) == {inspector}
    (entry,) = entries(HANDLERS_CHANGE)
    assert entry.data["carried_over"] is True
    assert entry.data["added"] == ["วิไล ตรงธรรม (inspector)"]
    assert entry.data["named"][0]["named_by"] == "สมศักดิ์ ดูแลระบบ (itadmin)"
    assert entry.message == ("ยกมาจากรายชื่อผู้รับเรื่องร้องเรียนการทุจริตเดิม (เพิ่ม: วิไล ตรงธรรม (inspector))")
