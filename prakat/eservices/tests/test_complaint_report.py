"""Complaint statistics and the 6- and 12-month complaint report published on the site."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse

from prakat.agency.models import Agency, Responsibility, Unit
from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.tests.pdf_text import pdf_skeleton, skeleton
from prakat.eservices import complaint_report
from prakat.eservices.models import Case, CaseKind, CaseStatus, ComplaintReportPublication
from prakat.thai.dates import BANGKOK

pytestmark = pytest.mark.database_neutral

CODES = itertools.count(1)


@pytest.fixture
def agency(built_site):
    return Agency.current()


def at(year, month, day, hour=9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=BANGKOK)


def case(agency, kind, received, closed=None, status=None) -> Case:
    return Case.objects.create(
        agency=agency,
        tracking_code=f"T{next(CODES):09d}",
        kind=kind,
        subject="เรื่อง",
        details="รายละเอียด",
        received_at=received,
        closed_at=closed,
        status=status or (CaseStatus.CLOSED if closed else CaseStatus.RECEIVED),
    )


@pytest.fixture
def fiscal_2570(agency):
    """Fiscal year 2570 runs 1 October 2026 – 30 September 2027."""
    general, corruption = CaseKind.GENERAL_COMPLAINT, CaseKind.CORRUPTION_COMPLAINT
    case(agency, general, at(2026, 10, 1), closed=at(2026, 10, 3))  # 2 days
    case(agency, general, at(2026, 10, 20), closed=at(2026, 10, 30))  # 10 days
    case(agency, general, at(2026, 11, 5), closed=at(2026, 11, 9))  # 4 days
    case(agency, general, at(2027, 2, 1), status=CaseStatus.IN_PROGRESS)
    case(agency, corruption, at(2026, 12, 1), closed=at(2027, 1, 30))  # 60 days
    case(agency, corruption, at(2027, 3, 31, 23), status=CaseStatus.REPLIED)
    case(agency, CaseKind.QUESTION, at(2026, 12, 2), closed=at(2026, 12, 3))
    # Outside the year: the day before it starts, and April (second half).
    case(agency, general, at(2026, 9, 30, 23))
    case(agency, general, at(2027, 4, 2), closed=at(2027, 4, 3))


def test_the_numbers_by_type_status_and_days_to_close(agency, fiscal_2570):
    period = complaint_report.report_period(2570, 6)
    start, end = period.start, period.end
    assert (start, end) == (datetime.date(2026, 10, 1), datetime.date(2027, 3, 31))
    summary = complaint_report.summarise(agency, start, end, complaint_report.COMPLAINT_KINDS)
    general, corruption = summary.rows
    assert (general.received, general.closed, general.open) == (4, 3, 1)
    assert general.mean_days == round((2 + 10 + 4) / 3, 1) and general.median_days == 4
    assert (corruption.received, corruption.closed) == (2, 1)
    assert corruption.mean_days == corruption.median_days == 60
    assert summary.total.received == 6
    assert dict(summary.total.status_counts()) == {
        "รับเรื่องแล้ว": 0, "กำลังดำเนินการ": 1, "ตอบกลับแล้ว": 1, "ปิดเรื่อง": 4
    }  # fmt: skip
    assert summary.total.median_days == 7  # 2, 4, 10, 60

    months = complaint_report.monthly(agency, 2570)
    assert [m.start.month for m in months] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [m.total.received for m in months][:7] == [2, 1, 2, 0, 1, 1, 1]  # questions too


def test_staff_see_the_statistics_by_year_and_month(client, agency, fiscal_2570, webmaster):
    client.force_login(webmaster)
    page = client.get(reverse("complaint_statistics:index"), {"year": 2570}).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2570" in page
    assert "ตุลาคม 2569" in page
    assert "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page
    bad = client.get(reverse("complaint_statistics:index"), {"year": "2026x"}).content.decode()
    assert "เขียนปีงบประมาณเป็นปีพุทธศักราช" in bad


def test_the_report_due_is_the_last_half_or_whole_year_ended():
    assert complaint_report.due_report(datetime.date(2027, 4, 1)) == (2570, 6)
    assert complaint_report.due_report(datetime.date(2027, 9, 30)) == (2570, 6)
    assert complaint_report.due_report(datetime.date(2027, 10, 1)) == (2570, 12)
    assert complaint_report.due_report(datetime.date(2027, 3, 31)) == (2569, 12)


def test_the_6_month_report_is_published_once_as_a_pdf_item(agency, fiscal_2570, unit):
    handling = Unit.objects.create(agency=agency, name="กลุ่มงานบริการด้านปฐมภูมิ")
    row = Responsibility.objects.create(agency=agency, category_key="complaint-report")
    row.responsible_units.add(handling)

    published = complaint_report.publish_due_reports(datetime.date(2027, 4, 2))
    assert len(published) == 1
    item = published[0]
    assert item.live and item.owner_unit == handling
    assert item.title == "รายงานผลการดำเนินงานเรื่องร้องเรียน รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2570"
    assert item.get_parent().specific.checklist_key == "complaint-report"
    assert (item.data_period_start, item.data_period_end) == (
        datetime.date(2026, 10, 1),
        datetime.date(2027, 3, 31),
    )
    document = item.attachments.get().document
    with document.file.open("rb") as f:
        text = pdf_skeleton(f.read())
    assert skeleton("รายงานผลการดำเนินงานเรื่องร้องเรียน รอบ 6 เดือน") in text
    assert skeleton("1 ตุลาคม 2569 – 31 มีนาคม 2570") in text
    # received 4, closed 3, open 1, mean 5.3 days, median 4.0 days
    assert skeleton("เรื่องร้องเรียนทั่วไป / การให้บริการ 4 3 1 5.3 4.0") in text
    assert skeleton("ทั้งหมด 6 4 2") in text

    # A second run, the next day, publishes nothing more.
    assert complaint_report.publish_due_reports(datetime.date(2027, 4, 3)) == []
    category = CategoryPage.objects.get(checklist_key="complaint-report")
    assert InformationItemPage.objects.child_of(category).count() == 1
    assert ComplaintReportPublication.objects.get().item_id == item.pk


def test_without_a_responsibility_the_first_unit_owns_the_report(agency, unit):
    item = complaint_report.publish_report(agency, 2570, 12)
    assert item.owner_unit == unit
    assert complaint_report.complaint_report_job.run_now() in {
        "0 complaint report(s) published",
        "1 complaint report(s) published",
    }
