"""Last fiscal year's monitoring summary (MOIT 1): month by month what went online, was
updated and came down, acknowledged by the executive in the admin, recorded like an
approval, and bound into the year's MOIT 1 evidence."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.publishing.models import MonitoringAcknowledgement
from prakat.publishing.moit1 import moit1_evidence_pdf
from prakat.publishing.monitoring import monitoring_pdf
from prakat.publishing.tests.test_monthly_report import publish
from prakat.thai.calendar import fiscal_year

pytestmark = pytest.mark.database_neutral

UTC = datetime.UTC


def test_the_summary_counts_each_month_and_names_who_acknowledged_it(client, people, news):
    publish(people, news, "ขอเชิญร่วมบริจาคโลหิต", datetime.datetime(2025, 10, 5, 3, tzinfo=UTC))
    publish(people, news, "ประกาศวันหยุด", datetime.datetime(2025, 10, 20, 3, tzinfo=UTC))
    publish(people, news, "ตารางเวรแพทย์", datetime.datetime(2026, 3, 2, 3, tzinfo=UTC))
    text = pdf_skeleton(monitoring_pdf(people.agency, 2569))
    # Written from what was published: October two, March one; no acknowledgement yet.
    for line in (
        "รายงานการกำกับติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของโรงพยาบาลทดสอบ ประจำปีงบประมาณ 2569",
        "ตุลาคม 2568 2 0 0",
        "พฤศจิกายน 2568 0 0 0",
        "มีนาคม 2569 1 0 0",
        "ทั้งหมด 3 0 0",
        "ผู้บริหารยังไม่ได้ลงนามรับทราบ",
    ):
        assert skeleton(line) in text, line

    # The director acknowledges last year's summary in the admin (fiscal year 2569 ended on
    # 30 September 2569; the test machine's today is later).
    assert fiscal_year(timezone.localdate()) > 2569
    client.force_login(people.director)
    response = client.post(reverse("publishing:monitoring_summary"))
    assert response.status_code == 302
    last_year = fiscal_year(timezone.localdate()) - 1
    acknowledged = MonitoringAcknowledgement.objects.get(fiscal_year=last_year)
    assert (acknowledged.name, acknowledged.position) == ("ประเสริฐ รักษาดี", "ผู้อำนวยการโรงพยาบาล")
    listing = client.get(reverse("monthly_reports:index")).content.decode()
    assert "รับทราบแล้วโดย ประเสริฐ รักษาดี ผู้อำนวยการโรงพยาบาล เมื่อ" in listing
    # Once only.
    client.post(reverse("publishing:monitoring_summary"))
    assert MonitoringAcknowledgement.objects.count() == 1

    text = pdf_skeleton(monitoring_pdf(people.agency, last_year))
    assert skeleton("รับทราบ (ประเสริฐ รักษาดี) ผู้อำนวยการโรงพยาบาล") in text
    assert skeleton("ผู้บริหารยังไม่ได้ลงนามรับทราบ") not in text


@pytest.mark.parametrize("who", ["webmaster", "head", "requester"])
def test_only_the_executive_acknowledges(client, people, who):
    client.force_login(getattr(people, who))
    response = client.post(reverse("publishing:monitoring_summary"))
    assert response.status_code == 403
    if who != "requester":
        assert "รับทราบรายงานการกำกับติดตามการเผยแพร่ข้อมูลผ่านเว็บไซต์ของปีงบประมาณที่ผ่านมา" in (
            response.content.decode()
        )
    assert not MonitoringAcknowledgement.objects.exists()


def test_the_moit_1_bundle_binds_last_year_s_summary(people):
    pdf = moit1_evidence_pdf(people.agency, 2570, today=datetime.date(2026, 11, 22))
    text = pdf_skeleton(pdf)
    # The summary itself, not only the contents line that names it.
    assert (
        skeleton(
            "รายงานการกำกับติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของโรงพยาบาลทดสอบ ประจำปีงบประมาณ 2569"
        )
        in text
    )
    assert skeleton("ทั้งหมด 0 0 0") in text
