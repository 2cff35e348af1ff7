"""The dashboard, the ITA evidence and its exports, and the public information centre."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prakat.agency.models import Responsibility
from prakat.agency.roles import Role
from prakat.compliance.currency import Status, checklist_status, status_counts
from prakat.compliance.indicators import missing_year_warning
from prakat.compliance.tests.support import at, publish_on
from prakat.content.checklist import load_checklist
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.thai.calendar import fiscal_year

pytestmark = pytest.mark.database_neutral


@pytest.fixture
def published(built_site, unit):
    """A few items: current ones, one past its publication end."""
    today = timezone.localdate()
    now = at(today.year, today.month, today.day, 0, 5)
    publish_on("structure", "แผนผังโครงสร้างโรงพยาบาล", unit, at(2024, 5, 1, 9, 0))
    publish_on("procurement-monthly-summary", "สรุปผลการจัดซื้อจัดจ้างประจำเดือน", unit, now)
    publish_on("action-plan", "แผนปฏิบัติการประจำปี", unit, now)
    publish_on("pr-jobs", "ประกาศรับสมัครงานที่หมดเขตแล้ว", unit, at(2024, 1, 1, 9, 0),
               publication_end=today - datetime.timedelta(days=1))  # fmt: skip
    return built_site.agency


def test_dashboard_counts_match_the_data(client, webmaster, published, unit):
    Responsibility.objects.create(
        agency=published, category_key="procurement"
    ).responsible_units.add(unit)
    client.force_login(webmaster)
    response = client.get(reverse("compliance:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    counts = status_counts(checklist_status(published, timezone.localdate()))
    total = len(load_checklist())
    assert f"{counts[Status.CURRENT]} จาก {total} รายการเป็นปัจจุบัน" in html
    assert counts[Status.CURRENT] >= 3
    assert counts[Status.EXPIRED] >= 1
    for status, count in counts.items():
        assert f'data-status="{status.value}">{count}</strong>' in html
    assert html.count('class="compliance-entry"') == total
    assert "ยังไม่มีรายชื่อผู้บริหาร" in html  # a field-level problem

    expired = client.get(reverse("compliance:dashboard"), {"status": "expired"}).content.decode()
    assert expired.count('class="compliance-entry"') == counts[Status.EXPIRED]
    assert "ประกาศรับสมัครงาน" in expired  # the pr-jobs category's title

    by_unit = client.get(reverse("compliance:dashboard"), {"unit": unit.pk}).content.decode()
    keys = {"procurement", *(e.key for e in load_checklist().children("procurement"))}
    assert by_unit.count('class="compliance-entry"') == len(keys)


# The roles holding the right to see the dashboard, as a new install starts.
OVERSEERS = "ผู้ดูแลระบบ, ผู้ดูแลเว็บไซต์, ผู้ตรวจประเมิน, ผู้บริหาร, ผู้อำนวยการ"


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.UNIT_HEAD])
def test_people_who_only_ask_to_publish_are_refused(client, built_site, make_user, role):
    client.force_login(make_user("staff", role))
    refused = client.get(reverse("compliance:dashboard"))
    assert refused.status_code == 403
    assert f"บทบาทที่มีสิทธิ์นี้: {OVERSEERS}" in refused.content.decode()
    assert client.get(reverse("compliance:ita")).status_code == 403
    assert client.get(reverse("compliance:ita_xlsx", args=[2569])).status_code == 403


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.EXECUTIVE, Role.DIRECTOR, Role.ADMINISTRATOR])
def test_overseers_see_the_dashboard(client, built_site, make_user, role):
    client.force_login(make_user("overseer", role))
    assert client.get(reverse("compliance:dashboard")).status_code == 200


def test_ita_view_and_both_exports_hold_the_same_rows(client, webmaster, published, unit):
    client.force_login(webmaster)
    year = 2569  # the one indicator file shipped
    # Fiscal year 2569 (October 2025 – September 2026) is read as it stood on its last day:
    # its own items, not those published since (the fixture's, published today).
    publish_on(
        "procurement-monthly-summary", "สรุปผลการจัดซื้อจัดจ้าง สิงหาคม 2569", unit,
        at(2026, 9, 5, 9, 0),
        data_period_start=datetime.date(2026, 8, 1), data_period_end=datetime.date(2026, 8, 31),
    )  # fmt: skip
    publish_on("action-plan", "แผนปฏิบัติการประจำปี 2569", unit, at(2025, 10, 8, 9, 0))
    html = client.get(reverse("compliance:ita"), {"year": year}).content.decode()
    assert "MOIT5" in html
    assert "สรุปผลการจัดซื้อจัดจ้าง สิงหาคม 2569" in html
    assert "สรุปผลการจัดซื้อจัดจ้างประจำเดือน" not in html
    assert "ยังขาด:" in html

    xlsx = client.get(reverse("compliance:ita_xlsx", args=[year]))
    assert xlsx["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [tuple(c or "" for c in row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    # The monthly summary answers MOIT 5 and the OIT's O21 alike.
    summary = "สรุปผลการจัดซื้อจัดจ้าง สิงหาคม 2569"
    assert [r[0] for r in rows if r[2] == summary] == ["MOIT5", "O21"]
    titles = {r[2] for r in rows}
    assert {"แผนผังโครงสร้างโรงพยาบาล", "แผนปฏิบัติการประจำปี 2569"} <= titles
    # Published after the year: not the year's evidence.
    assert "สรุปผลการจัดซื้อจัดจ้างประจำเดือน" not in titles
    assert "แผนปฏิบัติการประจำปี" not in titles
    assert "ประกาศรับสมัครงานที่หมดเขตแล้ว" not in titles  # job notices answer no indicator
    for _code, _title, item, url, updated in rows:
        assert url.startswith("http://")
        if item.endswith("(แสดงโดยเว็บไซต์เอง)"):
            assert not updated  # shown by the site: always as it stands
        else:
            assert int(updated.split()[-1]) >= 2567  # a Buddhist-era year

    pdf = client.get(reverse("compliance:ita_pdf", args=[year]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_skeleton(pdf.content)
    for code, _title, item, url, updated in rows:
        assert skeleton(code) in text
        assert skeleton(item) in text
        assert skeleton(url) in text
        assert skeleton(updated) in text
    assert skeleton("ประกาศรับสมัครงานที่หมดเขตแล้ว") not in text


def test_information_centre_lists_live_items_under_their_heading(client, published):
    html = client.get("/information-centre/").content.decode()
    assert "ศูนย์ข้อมูลข่าวสารอิเล็กทรอนิกส์" in html
    s71 = html.index('id="oia-s7-1"')
    s72 = html.index('id="oia-s7-2"')
    assert s71 < html.index("แผนผังโครงสร้างโรงพยาบาล") < s72
    assert "โครงสร้างและการจัดองค์กรในการดำเนินงาน" in html
    s93 = html.index('id="oia-s9-3"')
    assert s93 < html.index("แผนปฏิบัติการประจำปี") < html.index('id="oia-s9-4"')
    assert "1 พฤษภาคม 2567" in html  # publication date in the Buddhist era
    assert "ประกาศรับสมัครงานที่หมดเขตแล้ว" not in html


def test_the_footer_links_to_the_information_centre(client, built_site):
    assert 'href="/information-centre/"' in client.get("/").content.decode()


def test_a_fiscal_year_without_its_indicator_file_is_said_plainly(client, webmaster, settings):
    """Fiscal year 2570 began on 1 October 2026 and its file is not out: both screens say
    so, naming the year whose indicators they show instead."""
    assert missing_year_warning(2569) == ""
    assert missing_year_warning(2570) == (
        "ยังไม่มีไฟล์ตัวชี้วัด ITA ของปีงบประมาณ 2570 ตัวชี้วัดที่แสดงเป็นของปีงบประมาณ 2569 "
        "ซึ่งชื่อและเลขข้อของปีใหม่อาจเปลี่ยนไป โปรดเพิ่มไฟล์ของปีใหม่เมื่อคู่มือการประเมินของปีนั้นออกแล้ว"
    )
    client.force_login(webmaster)
    this_year = fiscal_year(timezone.localdate())
    for name in ("compliance:dashboard", "compliance:ita"):
        html = client.get(reverse(name)).content.decode()
        shown = 'id="indicator-warning"' in html
        # Only while the year under way has no file of its own (2569's is the one shipped).
        assert shown == (this_year != 2569), name
        if shown:
            assert f"ยังไม่มีไฟล์ตัวชี้วัด ITA ของปีงบประมาณ {this_year}" in html
