"""The monthly publishing report: its rows and totals, its PDF and spreadsheet, its archive,
its scheduled job and its screen.

Requests go through the real workflow; their publication time is then moved into October
2026 (B.E. 2569), the month reported on, as if they had been published then.
"""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page

from prakat.agency.roles import Role
from prakat.content.models import InformationItemPage
from prakat.content.tests import helpers
from prakat.publishing.jobs import monthly_publishing_report, monthly_report_job_for
from prakat.publishing.models import MonthlyReport, PublicationRequest
from prakat.publishing.monthly_report import (
    Action,
    Totals,
    build_monthly_report,
    generate_monthly_report,
    monthly_report_pdf,
    monthly_report_xlsx,
)
from prakat.publishing.report_views import MonthForm
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_printing import text_of
from prakat.publishing.tests.test_workflow import act

UTC = datetime.UTC
NEWS = "ข่าวสารทั่วไป"  # the checklist's title of pr-news
PR = "งานประชาสัมพันธ์"


def publish(people, category, title, when, *, item=None, urgent=False):
    """Ask, approve and publish ``title``, then date its publication ``when``."""
    publication_request = submit(
        people.requester, category, RequestDetails(title=title, urgent=urgent), item=item
    )
    if urgent:
        act(publication_request, people.webmaster, "publish_urgent", verbal_approver=people.head,
            verbal_approved_at=when)  # fmt: skip
    else:
        act(publication_request, people.head, "approve")
        act(publication_request, people.webmaster, "approve", comment="", go_live_at=None)
    PublicationRequest.objects.filter(pk=publication_request.pk).update(published_at=when)
    # The page went up at the same moment, as it does when a request is published.
    pages = Page.objects.filter(pk=publication_request.page_id)
    pages.update(last_published_at=when)
    if item is None:
        pages.update(first_published_at=when)
    publication_request.refresh_from_db()
    return publication_request


@pytest.fixture
def october(people, news):
    """October 2026: one new item, one update, one urgent item still owed its written
    approval (published 23:30 on the 31st, Bangkok), one item taken down at its end."""
    old = publish(people, news, "ตารางเวรแพทย์", datetime.datetime(2026, 8, 3, 3, 0, tzinfo=UTC))
    expired = publish(
        people, news, "ประกาศรับสมัครงาน",
        datetime.datetime(2026, 9, 30, 16, 30, tzinfo=UTC),  # 23:30 on 30 September, Bangkok
    )  # fmt: skip
    InformationItemPage.objects.filter(pk=expired.page_id).update(
        archived_at=datetime.datetime(2026, 10, 15, 17, 0, tzinfo=UTC)  # 16 October, Bangkok
    )

    class October:
        new = publish(people, news, "ขอเชิญร่วมบริจาคโลหิต",
                      datetime.datetime(2026, 10, 5, 3, 0, tzinfo=UTC))  # fmt: skip
        update = publish(people, news, "ตารางเวรแพทย์ ฉบับปรับปรุง",
                         datetime.datetime(2026, 10, 20, 3, 0, tzinfo=UTC),
                         item=old.page)  # fmt: skip
        urgent = publish(people, news, "แจ้งปิดถนนด่วน",
                         datetime.datetime(2026, 10, 31, 16, 30, tzinfo=UTC),
                         urgent=True)  # fmt: skip

    October.expired = expired
    October.old = old
    return October


def test_the_month_holds_exactly_what_was_published_updated_and_taken_down(people, october):
    report = build_monthly_report(people.agency, 2026, 10)
    assert [(r.action, r.title) for r in report.rows] == [
        (Action.PUBLISHED, "ขอเชิญร่วมบริจาคโลหิต"),
        (Action.TAKEN_DOWN, "ประกาศรับสมัครงาน"),
        (Action.UPDATED, "ตารางเวรแพทย์ ฉบับปรับปรุง"),
        (Action.PUBLISHED, "แจ้งปิดถนนด่วน"),
    ]
    new, taken_down, update, urgent = report.rows
    assert {r.category for r in report.rows} == {NEWS}
    assert {r.unit for r in report.rows} == {PR}
    assert (new.requester_name, new.requester_position) == ("สุดา ใจดี", "นักประชาสัมพันธ์")
    assert [(a.name, a.position, a.verbal) for a in new.approvals] == [
        ("วิชัย มั่นคง", "หัวหน้างานประชาสัมพันธ์", False)
    ]
    assert not new.urgent and not new.written_approval_open
    assert update.request_pk == october.update.pk and len(update.approvals) == 1
    assert urgent.urgent and urgent.written_approval_open
    assert [a.verbal for a in urgent.approvals] == [True]
    assert taken_down.note == "ครบระยะเวลาการเผยแพร่"
    assert taken_down.requester_name == ""
    # The requester's step and each workflow step, measured against the agency's standard.
    assert [s.standard for s in new.steps] == ["10 นาที", "30 นาที", "ตลอดเวลา"]
    assert new.steps[1].within_standard is True
    assert new.steps[2].within_standard is None
    assert report.totals_by_category == [(NEWS, Totals(published=2, updated=1, taken_down=1))]
    assert report.totals_by_unit == [(PR, Totals(published=2, updated=1, taken_down=1))]
    assert [o.title for o in report.owed_approvals] == ["แจ้งปิดถนนด่วน"]


def test_months_are_bangkok_months(people, october):
    september = build_monthly_report(people.agency, 2026, 9)
    # Published at 16:30 UTC on 30 September: 23:30 the same day in Bangkok.
    assert [r.title for r in september.rows] == ["ประกาศรับสมัครงาน"]
    november = build_monthly_report(people.agency, 2026, 11)
    # 16:30 UTC on 31 October is still October in Bangkok; so nothing of it is in November.
    assert "แจ้งปิดถนนด่วน" not in [r.title for r in november.rows]


def test_written_approvals_owed_from_an_earlier_month_are_still_listed(people, october):
    november = build_monthly_report(people.agency, 2026, 12)
    assert [o.title for o in november.owed_approvals] == ["แจ้งปิดถนนด่วน"]
    assert november.owed_approvals[0].approver_name == "วิชัย มั่นคง"
    assert november.owed_approvals[0].step == "หัวหน้ากลุ่มงานอนุมัติ"
    assert november.rows == []


def test_items_unpublished_by_staff_are_taken_down_in_that_month(people, october):
    page = InformationItemPage.objects.get(pk=october.new.page_id)
    page.unpublish(user=people.webmaster)
    today = timezone.localdate()
    report = build_monthly_report(people.agency, today.year, today.month)
    rows = [(r.action, r.title, r.note) for r in report.rows if r.action == Action.TAKEN_DOWN]
    assert rows == [(Action.TAKEN_DOWN, "ขอเชิญร่วมบริจาคโลหิต", "นำลงโดย ณัฐพล ศรีสวัสดิ์")]


def test_the_pdf_prints_the_rows_totals_and_signatures(people, october):
    text = text_of(monthly_report_pdf(build_monthly_report(people.agency, 2026, 10)))
    assert "แบบบันทึกรายงานผลการเผยแพร่ข้อมูลผ่านเว็บไซต์โรงพยาบาลทดสอบ" in text
    assert "ประจำเดือนตุลาคม 2569" in text
    for title in ("ขอเชิญร่วมบริจาคโลหิต", "ตารางเวรแพทย์ ฉบับปรับปรุง", "แจ้งปิดถนนด่วน",
                  "ประกาศรับสมัครงาน"):  # fmt: skip
        assert title in text
    assert "31 ตุลาคม 2569" in text and "16 ตุลาคม 2569" in text
    assert "สุดา ใจดี" in text and "วิชัย มั่นคง" in text
    assert "ยังไม่ได้อนุมัติเป็นลายลักษณ์อักษร" in text
    assert "รวมทั้งหมด 2 1 1 4" in text
    assert "ผู้รายงาน" in text and "หัวหน้ากลุ่มงาน" in text
    assert "ผู้อำนวยการโรงพยาบาลทดสอบ" in text


def test_the_spreadsheet_holds_the_same_rows_and_totals(people, october):
    data = monthly_report_xlsx(build_monthly_report(people.agency, 2026, 10))
    book = load_workbook(io.BytesIO(data))
    items, totals, owed = book.worksheets
    assert items.title == "รายการ" and totals.title == "สรุป"
    rows = list(items.iter_rows(min_row=3, values_only=True))
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [
        (1, "เผยแพร่ใหม่", "ขอเชิญร่วมบริจาคโลหิต", NEWS, PR),
        (2, "นำลง", "ประกาศรับสมัครงาน", NEWS, PR),
        (3, "ปรับปรุง", "ตารางเวรแพทย์ ฉบับปรับปรุง", NEWS, PR),
        (4, "เผยแพร่ใหม่", "แจ้งปิดถนนด่วน", NEWS, PR),
    ]
    assert rows[3][9] == "31 ตุลาคม 2569" and rows[3][10] == "ใช่" and rows[3][11] == "ใช่"
    summary = list(totals.iter_rows(values_only=True))
    assert (NEWS, 2, 1, 1, 4) in summary and (PR, 2, 1, 1, 4) in summary
    assert [r[0] for r in owed.iter_rows(min_row=2, values_only=True)] == ["แจ้งปิดถนนด่วน"]


def test_regenerating_replaces_the_archived_files(
    people, october, webmaster_client, django_capture_on_commit_callbacks
):
    first = generate_monthly_report(people.agency, 2026, 10)
    old_pdf = first.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        second = generate_monthly_report(people.agency, 2026, 10, user=people.webmaster)
    assert second.pk == first.pk and MonthlyReport.objects.count() == 1
    assert second.generated_by == people.webmaster
    assert not second.pdf.storage.exists(old_pdf)
    assert "แจ้งปิดถนนด่วน" in text_of(second.pdf.read())


def test_the_job_on_the_first_reports_on_the_month_before(people, october):
    assert monthly_publishing_report.name == "monthly-publishing-report"
    summary = monthly_report_job_for(datetime.date(2026, 11, 1))
    assert summary == "ตุลาคม 2569: โรงพยาบาลทดสอบ"
    report = MonthlyReport.objects.get(agency=people.agency)
    assert (report.year, report.month, report.generated_by) == (2026, 10, None)
    assert "ขอเชิญร่วมบริจาคโลหิต" in text_of(report.pdf.read())
    monthly_report_job_for(datetime.date(2027, 1, 1))
    assert MonthlyReport.objects.filter(year=2026, month=12).exists()


@pytest.fixture
def webmaster_client(client, people):
    client.force_login(people.webmaster)
    return client


def test_requesters_may_not_see_the_reports(client, people):
    client.force_login(people.requester)
    assert client.get(reverse("monthly_reports:index")).status_code == 403
    assert client.post(reverse("monthly_reports:index"), {}).status_code == 403


def test_a_webmaster_generates_and_downloads_a_month(webmaster_client, people, october):
    page = webmaster_client.get(reverse("monthly_reports:index"))
    assert page.status_code == 200
    assert "รายงานผลการเผยแพร่ข้อมูลรายเดือน" in page.content.decode()
    response = webmaster_client.post(
        reverse("monthly_reports:index"), {"month": "10", "year": "2569"}
    )
    assert response.status_code == 302
    report = MonthlyReport.objects.get(agency=people.agency, year=2026, month=10)
    listing = webmaster_client.get(reverse("monthly_reports:index")).content.decode()
    assert "ตุลาคม 2569" in listing
    pdf = webmaster_client.get(reverse("publishing:monthly_report_file", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "ขอเชิญร่วมบริจาคโลหิต" in text_of(pdf.getvalue())
    xlsx = webmaster_client.get(reverse("publishing:monthly_report_file", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200
    webmaster_client.force_login(people.requester)
    denied = webmaster_client.get(
        reverse("publishing:monthly_report_file", args=[report.pk, "pdf"])
    )
    assert denied.status_code == 403


def test_a_month_not_yet_begun_is_refused(db):
    today = datetime.date(2026, 11, 22)
    assert MonthForm({"month": "11", "year": "2569"}, today=today).is_valid()
    form = MonthForm({"month": "12", "year": "2569"}, today=today)
    assert form.errors["__all__"] == ["เดือนที่ยังไม่เริ่มต้นยังไม่มีผลการเผยแพร่ให้รายงาน"]


def test_auditors_read_but_do_not_generate(client, people, make_user):
    client.force_login(make_user("auditor", Role.AUDITOR))
    assert client.get(reverse("monthly_reports:index")).status_code == 200
    response = client.post(reverse("monthly_reports:index"), {"month": "10", "year": "2569"})
    assert response.status_code == 403
    assert not MonthlyReport.objects.exists()


def test_items_without_a_request_cost_no_query_each(people, news, october):
    """Where each item is filed is read once for all of them, not one query an item."""
    imported_at = datetime.datetime(2026, 10, 10, 2, 0, tzinfo=UTC)

    def imported(title: str) -> None:
        item = helpers.publish_item(news, title, people.unit, published=imported_at)
        Page.objects.filter(pk=item.pk).update(last_published_at=imported_at)

    imported("นำเข้า 1")
    with CaptureQueriesContext(connection) as few:
        build_monthly_report(people.agency, 2026, 10)
    for n in range(2, 7):
        imported(f"นำเข้า {n}")
    with CaptureQueriesContext(connection) as many:
        report = build_monthly_report(people.agency, 2026, 10)
    assert len(many) == len(few)
    filed = {r.title: r.category for r in report.rows if r.title.startswith("นำเข้า")}
    assert filed == {f"นำเข้า {n}": news.title for n in range(1, 7)}


def test_items_published_without_a_request_are_listed_as_such(people, news, october):
    """Imports and the demo's data go up without a request: the month lists them, saying so,
    and an item that went up through a request is listed once."""
    imported_at = datetime.datetime(2026, 10, 10, 2, 0, tzinfo=UTC)
    imported = helpers.publish_item(news, "สขร.1 ตุลาคม 2569", people.unit, published=imported_at)
    Page.objects.filter(pk=imported.pk).update(last_published_at=imported_at)
    report = build_monthly_report(people.agency, 2026, 10)
    rows = [(r.action, r.title, r.note, r.requester_name) for r in report.rows]
    assert (Action.PUBLISHED, "สขร.1 ตุลาคม 2569",
            "เผยแพร่โดยไม่มีคำขอเผยแพร่ (เช่น ข้อมูลนำเข้าหรือข้อมูลตัวอย่าง)", "") in rows  # fmt: skip
    titles = [r.title for r in report.rows]
    assert titles.count("ขอเชิญร่วมบริจาคโลหิต") == 1
    assert titles.count("สขร.1 ตุลาคม 2569") == 1
    assert report.totals.published == 3  # the request's new item, the urgent one, the import
    # Not in the next month, and shown in the PDF.
    assert "สขร.1 ตุลาคม 2569" not in [
        r.title for r in build_monthly_report(people.agency, 2026, 11).rows
    ]
    text = text_of(monthly_report_pdf(report))
    assert "เผยแพร่โดยไม่มีคำขอเผยแพร่" in text
