"""แบบ สขร.1 as data: the procurement unit enters the month's procurements in the form's nine
columns (or says there were none), Prakat prints them in the official layout and asks to
publish them as the month's item; nobody outside the unit opens them but those who oversee
publishing. The expected texts are written from the form, not read from the code."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from prakat.agency.models import Membership, Unit
from prakat.agency.roles import Role
from prakat.compliance.currency import Status, entry_status
from prakat.content.models import CategoryPage
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.publishing.models import ProcurementSummary, PublicationRequest
from prakat.publishing.tests.test_workflow import act, current_step

pytestmark = pytest.mark.database_neutral

INDEX = "/admin/procurement_summaries/"
ADD = INDEX + "new/"


@pytest.fixture
def procurement(people, make_user):
    """The procurement unit and its officer, beside the PR unit of ``people``."""
    unit = Unit.objects.create(agency=people.agency, name="กลุ่มงานพัสดุ")
    officer = make_user("procure", Role.REQUESTER, first_name="สมหญิง", last_name="รอบคอบ")
    Membership.objects.create(unit=unit, user=officer, position="นักวิชาการพัสดุ")
    head = make_user("procurehead", Role.UNIT_HEAD, first_name="ประยุทธ", last_name="ตรงไป")
    Membership.objects.create(unit=unit, user=head, position="หัวหน้ากลุ่มงานพัสดุ", is_head=True)
    people.procurement, people.officer, people.procurement_head = unit, officer, head
    return people


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


ROW = {
    "work": "จัดซื้อวัสดุการแพทย์ (ถุงมือยาง) จำนวน 500 กล่อง",
    "budget": "45000.00",
    "median_price": "44500.00",
    "method": "specific",
    "bidders": "หจก.เวชภัณฑ์กำแพง 43,800 บาท\nบริษัท เมดิคอลซัพพลาย จำกัด 44,200 บาท",
    "winner": "หจก.เวชภัณฑ์กำแพง",
    "winner_price": "43800.00",
    "reason": "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน",
    "contract_number": "ใบสั่งซื้อ 125/2569",
    "contract_date": "15/10/2569",
}


def form_data(month: str = "01/10/2569", rows: list[dict] | None = None, **fields) -> dict:
    rows = [ROW] if rows is None else rows
    data = {
        "month": month,
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"rows-{n}-{k}": v for k, v in row.items()})
        data[f"rows-{n}-ORDER"] = str(n + 1)
    data.update(fields)
    return data


def enter(client: Client, **kwargs):
    return client.post(ADD, form_data(**kwargs))


def test_the_month_is_entered_and_printed_in_the_official_layout(procurement):
    officer = signed_in(procurement.officer)
    second = {**ROW, "work": "จ้างซ่อมเครื่องปรับอากาศ อาคารผู้ป่วยนอก", "budget": "1250000.00",
              "median_price": "1200000.00", "method": "e-bidding",
              "bidders": "บริษัท แอร์เย็น จำกัด 1,150,000 บาท", "winner": "บริษัท แอร์เย็น จำกัด",
              "winner_price": "1150000.00", "reason": "ผ่านคุณสมบัติและเสนอราคาต่ำสุด",
              "contract_number": "สัญญาเลขที่ 7/2570", "contract_date": "31/10/2569"}  # fmt: skip
    response = enter(officer, rows=[ROW, second])
    assert response.status_code == 302, response.content.decode()[-3000:]
    summary = ProcurementSummary.objects.get()
    assert (summary.month, summary.unit, summary.created_by) == (
        datetime.date(2026, 10, 1), procurement.procurement, procurement.officer,
    )  # fmt: skip
    listing = officer.get(INDEX).content.decode()
    assert "ตุลาคม 2569" in listing and "2 รายการ" in listing

    pdf = officer.get(f"{INDEX}{summary.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf_skeleton(pdf.content) == skeleton(
        "แบบ สขร.1 "
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2569 "
        "โรงพยาบาลทดสอบ "
        "ลำดับที่ งานที่จัดซื้อหรือจัดจ้าง วงเงินที่จะซื้อหรือจ้าง (บาท) ราคากลาง (บาท) "
        "วิธีซื้อหรือจ้าง รายชื่อผู้เสนอราคาและราคาที่เสนอ "
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง เหตุผลที่คัดเลือกโดยสรุป "
        "เลขที่และวันที่ของสัญญาหรือข้อตกลง "
        "1 จัดซื้อวัสดุการแพทย์ (ถุงมือยาง) จำนวน 500 กล่อง 45,000.00 44,500.00 "
        "วิธีเฉพาะเจาะจง หจก.เวชภัณฑ์กำแพง 43,800 บาท บริษัท เมดิคอลซัพพลาย จำกัด 44,200 บาท "
        "หจก.เวชภัณฑ์กำแพง 43,800.00 บาท เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน "
        "ใบสั่งซื้อ 125/2569 15 ตุลาคม 2569 "
        "2 จ้างซ่อมเครื่องปรับอากาศ อาคารผู้ป่วยนอก 1,250,000.00 1,200,000.00 "
        "วิธีประกาศเชิญชวนทั่วไป (e-bidding) บริษัท แอร์เย็น จำกัด 1,150,000 บาท "
        "บริษัท แอร์เย็น จำกัด 1,150,000.00 บาท ผ่านคุณสมบัติและเสนอราคาต่ำสุด "
        "สัญญาเลขที่ 7/2570 31 ตุลาคม 2569"
    )

    xlsx = officer.get(f"{INDEX}{summary.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["แบบ สขร.1"]
    assert values[1] == ["สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2569"]
    assert values[3][:3] == ["ลำดับที่", "งานที่จัดซื้อหรือจัดจ้าง", "วงเงินที่จะซื้อหรือจ้าง (บาท)"]
    assert values[4] == [
        1, "จัดซื้อวัสดุการแพทย์ (ถุงมือยาง) จำนวน 500 กล่อง", 45000, 44500, "วิธีเฉพาะเจาะจง",
        "หจก.เวชภัณฑ์กำแพง 43,800 บาท\nบริษัท เมดิคอลซัพพลาย จำกัด 44,200 บาท",
        "หจก.เวชภัณฑ์กำแพง", 43800, "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน", "ใบสั่งซื้อ 125/2569",
        "15 ตุลาคม 2569",
    ]  # fmt: skip
    assert values[5][1] == "จ้างซ่อมเครื่องปรับอากาศ อาคารผู้ป่วยนอก"


def test_a_month_without_procurement_is_printed_as_such(procurement):
    officer = signed_in(procurement.officer)
    assert enter(officer, rows=[], no_procurement="on").status_code == 302
    summary = ProcurementSummary.objects.get()
    text = pdf_skeleton(officer.get(f"{INDEX}{summary.pk}/pdf/").content)
    assert skeleton("ไม่มีการจัดซื้อจัดจ้างในเดือนนี้") in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rows": []},
         "โปรดเพิ่มรายการจัดซื้อจัดจ้างอย่างน้อยหนึ่งรายการ หรือเลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้”"),
        ({"no_procurement": "on"},
         "เดือนนี้ระบุว่าไม่มีการจัดซื้อจัดจ้าง แต่มีรายการจัดซื้อจัดจ้าง: โปรดลบรายการ "
         "หรือยกเลิกการเลือก “ไม่มีการจัดซื้อจัดจ้างในเดือนนี้”"),
        ({"month": "01/01/2599"}, "เดือนนี้ยังไม่เริ่มต้น จึงยังสรุปผลการจัดซื้อจัดจ้างไม่ได้"),
        ({"rows": [{**ROW, "budget": "-5"}]}, "ค่านี้ต้องมากกว่าหรือเท่ากับ 0"),
    ],
)  # fmt: skip
def test_what_breaks_the_form_s_rules_is_refused_in_thai_and_kept(procurement, changes, message):
    officer = signed_in(procurement.officer)
    response = enter(officer, **changes)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert ProcurementSummary.objects.count() == 0
    if changes.get("rows") != []:
        assert "จัดซื้อวัสดุการแพทย์ (ถุงมือยาง) จำนวน 500 กล่อง" in html  # what was typed


def test_one_summary_a_month(procurement):
    officer = signed_in(procurement.officer)
    assert enter(officer).status_code == 302
    again = enter(officer, month="20/10/2569")
    assert "มีสรุปผลการจัดซื้อจัดจ้างของเดือนตุลาคม 2569 อยู่แล้ว โปรดเปิดรายการนั้นแทน" in (
        again.content.decode()
    )
    assert ProcurementSummary.objects.count() == 1


def test_it_is_sent_for_publication_as_the_month_s_item_and_then_stays_as_sent(procurement):
    officer = signed_in(procurement.officer)
    enter(officer)
    summary = ProcurementSummary.objects.get()
    response = officer.post(f"{INDEX}{summary.pk}/request/")
    publication_request = PublicationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/publishing/{publication_request.pk}/"
    item = publication_request.page.get_latest_revision_as_object()
    category = CategoryPage.objects.get(checklist_key="procurement-monthly-summary")
    assert publication_request.page.get_parent().pk == category.pk
    assert item.title == "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม 2569 (แบบ สขร.1)"
    assert (item.data_period_start, item.data_period_end) == (
        datetime.date(2026, 10, 1), datetime.date(2026, 10, 31),
    )  # fmt: skip
    files = [a.document.file.name.rsplit("/", 1)[-1] for a in item.attachments.all()]
    assert sorted(f.rsplit(".", 1)[-1] for f in files) == ["pdf", "xlsx"]
    # The request runs the agency's steps: the procurement unit's head approves first.
    assert publication_request.requester == procurement.officer
    assert current_step(publication_request) == "unit_head"
    # Sent is final: not sent twice, not changed, not deleted.
    officer.post(f"{INDEX}{summary.pk}/request/")
    assert PublicationRequest.objects.count() == 1
    for path in (f"{INDEX}edit/{summary.pk}/", f"{INDEX}delete/{summary.pk}/"):
        refused = officer.post(path, form_data(), follow=True)
        assert "สรุปผลนี้ส่งขอเผยแพร่แล้ว จึงแก้ไขหรือลบไม่ได้อีก" in refused.content.decode()
    assert ProcurementSummary.objects.get().rows.count() == 1


def test_only_its_unit_and_those_who_oversee_publishing_open_it(procurement):
    enter(signed_in(procurement.officer))
    summary = ProcurementSummary.objects.get()
    paths = [
        f"{INDEX}edit/{summary.pk}/",
        f"{INDEX}delete/{summary.pk}/",
        f"{INDEX}history/{summary.pk}/",
        f"{INDEX}history-results/{summary.pk}/",
        f"{INDEX}usage/{summary.pk}/",
        f"{INDEX}{summary.pk}/pdf/",
        f"{INDEX}{summary.pk}/xlsx/",
    ]
    outsider = signed_in(procurement.requester)  # the PR unit's
    for path in paths:
        assert outsider.get(path).status_code == 404, path
    assert outsider.post(f"{INDEX}{summary.pk}/request/").status_code == 404
    assert "ตุลาคม 2569" not in outsider.get(INDEX).content.decode()
    assert PublicationRequest.objects.count() == 0
    # The unit's head and the webmaster open it; the public is sent to sign in.
    for insider in (procurement.procurement_head, procurement.webmaster):
        for path in paths:
            assert signed_in(insider).get(path).status_code == 200, (insider, path)
    assert Client().get(f"{INDEX}{summary.pk}/pdf/").status_code == 302


def test_once_published_the_dashboard_counts_the_month_from_its_data(procurement):
    """Approved by the procurement unit's head and published by a webmaster, the item covers
    last month: today the monthly summary does not read missing, nor lists last month."""
    today = timezone.localdate()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    officer = signed_in(procurement.officer)
    enter(officer, month=f"01/{last:%m}/{last.year + 543}")
    officer.post(f"{INDEX}{ProcurementSummary.objects.get().pk}/request/")
    publication_request = PublicationRequest.objects.get()
    act(publication_request, procurement.procurement_head, "approve")
    act(publication_request, procurement.webmaster, "approve", comment="", go_live_at=None)
    assert publication_request.page.specific.live
    result = entry_status(procurement.agency, "procurement-monthly-summary", today)
    assert result.status is not Status.MISSING
    months = {1: "มกราคม", 2: "กุมภาพันธ์", 3: "มีนาคม", 4: "เมษายน", 5: "พฤษภาคม",
              6: "มิถุนายน", 7: "กรกฎาคม", 8: "สิงหาคม", 9: "กันยายน", 10: "ตุลาคม",
              11: "พฤศจิกายน", 12: "ธันวาคม"}  # fmt: skip
    assert f"{months[last.month]} {last.year + 543}" not in (result.missing_periods_label or "")


def test_the_listing_s_ask_to_publish_button_works_with_the_person_s_own_token(procurement):
    enter(signed_in(procurement.officer))
    summary = ProcurementSummary.objects.get()
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(procurement.officer)
    html = officer.get(INDEX).content.decode()
    form = html[html.index(f'action="{INDEX}{summary.pk}/request/"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = officer.post(f"{INDEX}{summary.pk}/request/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert PublicationRequest.objects.get().requester == procurement.officer
