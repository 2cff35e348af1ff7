"""The MOIT 1 evidence bundle of one fiscal year, read back out of its PDF."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from prakat.agency.models import Responsibility
from prakat.agency.roles import Role
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.publishing.models import MonthlyReport
from prakat.publishing.moit1 import moit1_evidence_pdf
from prakat.publishing.tests.test_monthly_report import publish
from prakat.publishing.tests.test_printing import text_of
from prakat.thai.calendar import fiscal_year, fiscal_year_months

pytestmark = pytest.mark.database_neutral

UTC = datetime.UTC


def test_fiscal_year_runs_october_to_september():
    months = fiscal_year_months(2570)
    assert months[0] == (2026, 10) and months[-1] == (2027, 9) and len(months) == 12


def test_the_bundle_holds_the_framework_the_years_forms_and_its_months(people, news):
    publish(people, news, "ขอเชิญร่วมบริจาคโลหิต", datetime.datetime(2026, 10, 5, 3, tzinfo=UTC))
    # 23:30 on 30 September in Bangkok: the last evening of fiscal year 2569.
    last_year = datetime.datetime(2026, 9, 30, 16, 30, tzinfo=UTC)
    publish(people, news, "ประกาศผลสอบคัดเลือกพนักงานขับรถ", last_year)
    pdf = moit1_evidence_pdf(people.agency, 2570, today=datetime.date(2026, 11, 22), generate=True)
    text = text_of(pdf)
    assert "หลักฐานประกอบ MOIT 1 ปีงบประมาณ พ.ศ. 2570" in text
    assert "กรอบแนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์" in text
    assert "ข่าวสารทั่วไป" in text and "10 นาที" in text
    # The request form of the year's item, not the one of the year before.
    assert "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์โรงพยาบาลทดสอบ" in text
    assert "ขอเชิญร่วมบริจาคโลหิต" in text
    assert "ประกาศผลสอบคัดเลือกพนักงานขับรถ" not in text
    # October was not archived: it is now, and in the bundle. November is still under way on
    # the 22nd: it has no report yet.
    assert [(r.year, r.month) for r in MonthlyReport.objects.all()] == [(2026, 10)]
    assert "ประจำเดือนตุลาคม 2569" in text and "ประจำเดือนพฤศจิกายน 2569" not in text


def test_the_screen_gives_the_bundle_to_readers_only(client, people):
    year = fiscal_year(timezone.localdate())
    client.force_login(people.requester)
    url = reverse("publishing:moit1_evidence")
    assert client.get(url, {"fiscal_year": year}).status_code == 403
    client.force_login(people.director)
    response = client.get(url, {"fiscal_year": year})
    assert response["Content-Type"] == "application/pdf"
    assert f"หลักฐานประกอบ MOIT 1 ปีงบประมาณ พ.ศ. {year}" in text_of(response.content)


def test_reading_the_bundle_changes_nothing_and_only_generators_build_it(
    client, people, news, make_user
):
    """An auditor reads the evidence; a GET never generates or archives a report. Building
    the missing months is a POST by someone who may generate reports (auditors may not)."""
    publish(people, news, "ขอเชิญร่วมบริจาคโลหิต", datetime.datetime(2025, 10, 5, 3, tzinfo=UTC))
    url = reverse("publishing:moit1_evidence")
    last_year = fiscal_year(timezone.localdate()) - 1  # every month of it has ended
    client.force_login(make_user("auditor", Role.AUDITOR))
    response = client.get(url, {"fiscal_year": last_year})
    assert response["Content-Type"] == "application/pdf"
    assert not MonthlyReport.objects.exists()
    assert "ประจำเดือนตุลาคม" not in text_of(response.content)
    assert client.post(url, {"fiscal_year": last_year}).status_code == 403
    assert not MonthlyReport.objects.exists()

    client.force_login(people.webmaster)
    response = client.post(url, {"fiscal_year": last_year})
    assert response["Content-Type"] == "application/pdf"
    # All twelve months of the finished year, archived and bound in.
    assert MonthlyReport.objects.count() == 12
    assert f"ประจำเดือนตุลาคม {last_year - 1}" in text_of(response.content)


def test_the_order_names_who_posts_and_takes_down_from_the_roles_and_the_matrix(people):
    """The order MOIT 1 asks for, read back out of the bundle exactly as a person reads it:
    the webmasters for every category, and the legal unit alone for laws, as the matrix
    says; the agency's head signs."""
    laws = Responsibility.objects.create(
        agency=people.agency, category_key="laws", unit_publishes=True, webmasters_publish_too=False
    )
    laws.responsible_units.add(people.other_head.memberships.get().unit)
    people.agency.head_title = "ผู้อำนวยการโรงพยาบาลทดสอบ"
    people.agency.save()
    pdf = moit1_evidence_pdf(people.agency, 2570, today=datetime.date(2026, 11, 22))
    text = pdf_skeleton(pdf)
    expected = [
        "คำสั่งโรงพยาบาลทดสอบ",
        "ที่ ……………/2569",
        "เรื่อง แต่งตั้งผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่และนำข้อมูลลงจากเว็บไซต์ของโรงพยาบาลทดสอบ",
        "1. ผู้ดูแลเว็บไซต์ มีหน้าที่นำข้อมูลที่ได้รับอนุมัติขึ้นเผยแพร่ในหมวดหมู่ของข้อมูล "
        "และนำข้อมูลลงเมื่อครบระยะเวลาการเผยแพร่หรือเมื่อได้รับแจ้ง ได้แก่",
        "1. กมล แก้ว ตำแหน่ง เจ้าพนักงานเครื่องคอมพิวเตอร์",
        "2. ณัฐพล ศรีสวัสดิ์ ตำแหน่ง นักวิชาการคอมพิวเตอร์",
        "ยกเว้นหมวดหมู่ที่หน่วยงานเจ้าของข้อมูลนำขึ้นเผยแพร่เอง ได้แก่ กฎหมาย ระเบียบ ข้อบังคับที่เกี่ยวข้องกับหน่วยงาน",
        "2. หมวดหมู่ “กฎหมาย ระเบียบ ข้อบังคับที่เกี่ยวข้องกับหน่วยงาน” ให้บุคลากรของกลุ่มงานนิติการ "
        "มีหน้าที่นำข้อมูลที่ได้รับอนุมัติขึ้นเผยแพร่และนำข้อมูลลง ได้แก่",
        "1. นิติ ธรรม ตำแหน่ง หัวหน้ากลุ่มงานนิติการ",
        "สั่ง ณ วันที่ 22 พฤศจิกายน 2569",
        "(ผู้อำนวยการโรงพยาบาลทดสอบ)",
    ]
    position = 0
    for line in expected:
        found = text.find(skeleton(line), position)
        assert found >= 0, line  # present, and after the line before it
        position = found
    # The people of other units post nothing under this order.
    assert skeleton("สุดา ใจดี") not in text[text.index(skeleton("คำสั่งโรงพยาบาลทดสอบ")) :]
