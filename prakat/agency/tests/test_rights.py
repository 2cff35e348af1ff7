"""The access policy's rights: one matrix, one refusal, adjustable in the group editor."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from prakat.agency.roles import Role

pytestmark = pytest.mark.database_neutral

# Every screen guarded by a right, the right's Thai name, and the roles holding it as a new
# install starts (written out by hand from the agency's role matrix).
GUARDED = [
    (
        "/admin/compliance/",
        "ดูความครบถ้วนของข้อมูลและหลักฐาน ITA",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้ตรวจประเมิน", "ผู้บริหาร", "ผู้อำนวยการ"],
    ),
    (
        "/admin/compliance/ita/",
        "ดูความครบถ้วนของข้อมูลและหลักฐาน ITA",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้ตรวจประเมิน", "ผู้บริหาร", "ผู้อำนวยการ"],
    ),
    (
        "/admin/publishing/reports/",
        "อ่านรายงานผลการเผยแพร่ข้อมูลรายเดือนและหลักฐาน MOIT 1",
        [
            "ผู้ดูแลระบบ",
            "ผู้ดูแลเว็บไซต์",
            "ผู้ตรวจประเมิน",
            "ผู้บริหาร",
            "ผู้อำนวยการ",
            "หัวหน้ากลุ่มงาน",
        ],
    ),
    (
        "/admin/statistics/",
        "ดูสถิติการเข้าใช้เว็บไซต์",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้ตรวจประเมิน", "ผู้บริหาร", "ผู้อำนวยการ"],
    ),
    (
        "/admin/survey/",
        "ดูผลการประเมินความพึงพอใจ",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้ตรวจประเมิน", "ผู้บริหาร", "ผู้อำนวยการ"],
    ),
    (
        "/admin/e-services/statistics/",
        "ติดตามและตอบเรื่องร้องเรียนทั่วไปและคำถามทุกเรื่อง",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้บริหาร", "ผู้อำนวยการ"],
    ),
    (
        "/admin/scheduled-jobs/",
        "ดูงานตามกำหนดเวลาและผลการทำงาน",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์", "ผู้ตรวจประเมิน"],
    ),
    (
        "/admin/publishing/record/",
        "บันทึกคำขอเผยแพร่ที่มาเป็นกระดาษหรืออีเมล แทนหน่วยงานผู้ขอ",
        ["ผู้ดูแลระบบ", "ผู้ดูแลเว็บไซต์"],
    ),
    ("/admin/security/", "ดูหน้าความมั่นคงปลอดภัย", ["ผู้ดูแลระบบ", "ผู้ตรวจประเมิน"]),
    ("/admin/audit-log/", "อ่านและส่งออกบันทึกการใช้งานระบบ", ["ผู้ดูแลระบบ", "ผู้ตรวจประเมิน"]),
    ("/admin/traffic-log/", "อ่านและส่งออกข้อมูลจราจรทางคอมพิวเตอร์", ["ผู้ตรวจประเมิน"]),
]


@pytest.mark.parametrize(("path", "right_label", "holders"), GUARDED)
def test_a_person_without_the_right_meets_one_thai_refusal_naming_it(
    built_site, make_user, path, right_label, holders
):
    requester = make_user("requester", Role.REQUESTER)
    client = Client()
    client.force_login(requester)
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="th"' in html
    assert "ไม่มีสิทธิ์เข้าถึง" in html
    assert f"หน้านี้สำหรับผู้ที่มีสิทธิ์ “{right_label}”" in html
    assert f"บทบาทที่มีสิทธิ์นี้: {', '.join(holders)}" in html


def test_the_holders_of_each_right_get_through(built_site, make_user):
    people = {role: make_user(role.value, role) for role in Role}
    for path, _label, holders in GUARDED:
        for role, person in people.items():
            client = Client()
            client.force_login(person)
            status = client.get(path).status_code
            assert (status == 200) == (role.group_name in holders), (path, role, status)


def test_menus_show_only_what_the_person_may_open(built_site, make_user):
    client = Client()
    client.force_login(make_user("requester", Role.REQUESTER))
    menu = client.get("/admin/").content.decode()
    for path, _label, _holders in GUARDED:
        assert f'"{path}"' not in menu, path
    client.force_login(make_user("auditor", Role.AUDITOR))
    menu = client.get("/admin/").content.decode()
    assert '"/admin/audit-log/"' in menu
    assert '"/admin/traffic-log/"' in menu
    assert '"/admin/security/"' in menu


class _Form(HTMLParser):
    """The fields of a form as a browser would send them, checkboxes as they are checked."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.labels: dict[str, str] = {}
        self._label_for = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self.fields.append((a["name"], ""))
        elif tag == "label":
            self._label_for = a.get("for")

    def handle_data(self, data):
        if self._label_for and data.strip():
            self.labels[self._label_for] = data.strip()
            self._label_for = None


def test_administrators_see_and_adjust_the_rights_in_the_group_editor(built_site, make_user):
    auditors = Role.AUDITOR.group()
    administrator = make_user("itadmin", Role.ADMINISTRATOR, is_superuser=True)
    admin = Client()
    admin.force_login(administrator)
    page = admin.get(f"/admin/groups/edit/{auditors.pk}/")
    html = page.content.decode()
    # The rights carry their Thai names, the auditor's own ticked.
    for label in (
        "อ่านและส่งออกบันทึกการใช้งานระบบ",
        "อ่านและส่งออกข้อมูลจราจรทางคอมพิวเตอร์",
        "จัดทำรายงานผลการเผยแพร่ข้อมูลรายเดือนและหลักฐาน MOIT 1",
    ):
        assert label in html
    form = _Form()
    form.feed(html)
    traffic = auditors.permissions.get(codename="export_traffic_log")
    generate = Group.objects.get(name="ผู้ดูแลเว็บไซต์").permissions.get(
        codename="generate_publishing_reports"
    )
    ticked = {value for name, value in form.fields if name == "permissions"}
    assert str(traffic.pk) in ticked
    assert str(generate.pk) not in ticked  # auditors check the evidence, they do not make it

    # The administrator takes the traffic log from the auditors.
    data = [(n, v) for n, v in form.fields if not (n == "permissions" and v == str(traffic.pk))]
    sent = {}
    for name, value in data:
        sent.setdefault(name, []).append(value)
    response = admin.post(f"/admin/groups/edit/{auditors.pk}/", sent)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not auditors.permissions.filter(codename="export_traffic_log").exists()
    assert auditors.permissions.filter(codename="view_audit_log").exists()

    auditor = Client()
    auditor.force_login(make_user("auditor", Role.AUDITOR))
    refused = auditor.get("/admin/traffic-log/")
    assert refused.status_code == 403
    assert "ขณะนี้ยังไม่มีบทบาทใดมีสิทธิ์นี้" in refused.content.decode()
    assert auditor.get("/admin/audit-log/").status_code == 200
