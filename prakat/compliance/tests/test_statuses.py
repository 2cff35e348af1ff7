"""Statuses computed from real pages, and the reminders they trigger."""

import datetime

import pytest
from django.utils import timezone

from prakat.agency.models import Executive, Responsibility, Unit
from prakat.agency.roles import Role
from prakat.compliance.currency import Status, checklist_status, entry_status, field_problems
from prakat.compliance.jobs import renewal_reminders
from prakat.compliance.models import RenewalReminder
from prakat.compliance.renewal import send_renewal_reminders
from prakat.compliance.signals import renewal_due
from prakat.compliance.tests.support import at, publish_on
from prakat.content.checklist import load_checklist
from prakat.content.models import CategoryPage

pytestmark = pytest.mark.database_neutral

d = datetime.date


@pytest.fixture
def agency(built_site):
    agency = built_site.agency
    agency.renewal_due_day = 10
    agency.save()
    return agency


def test_an_entry_without_items_is_missing(agency):
    assert entry_status(agency, "pr-news", d(2026, 1, 5)).status is Status.MISSING


def test_monthly_summary_on_real_pages(agency, unit):
    key = "procurement-monthly-summary"
    publish_on(key, "สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2568", unit, at(2025, 11, 5, 9, 0),
               data_period_start=d(2025, 10, 1), data_period_end=d(2025, 10, 31))  # fmt: skip
    # Without a data period (an older item), published in December: November's summary.
    publish_on(key, "สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2568", unit, at(2025, 12, 28, 9, 0))
    result = entry_status(agency, key, d(2026, 1, 10))
    assert result.status is Status.CURRENT
    assert [i.title for i in result.items] == [
        "สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2568",
        "สรุปผลการจัดซื้อจัดจ้าง ตุลาคม 2568",
    ]
    assert result.last_updated == at(2025, 12, 28, 9, 0)
    assert result.public_url.endswith("/")
    due = entry_status(agency, key, d(2026, 1, 11))
    assert due.status is Status.DUE
    assert due.due_since == d(2026, 1, 11)
    # Published at 00:30 on 1 January in Bangkok (still 31 December in UTC): a January
    # publication, so December's summary.
    publish_on(key, "สรุปผล ธันวาคม", unit, at(2026, 1, 1, 0, 30))
    assert entry_status(agency, key, d(2026, 1, 11)).status is Status.CURRENT


def test_expired_and_archived_items(agency, unit):
    item = publish_on("pr-jobs", "รับสมัครพนักงานราชการ", unit, at(2025, 11, 1, 9, 0),
                      publication_end=d(2025, 11, 30))  # fmt: skip
    assert entry_status(agency, "pr-jobs", d(2025, 11, 30)).status is Status.CURRENT
    assert entry_status(agency, "pr-jobs", d(2025, 12, 1)).status is Status.EXPIRED
    item.publication_end = None
    item.archived_at = timezone.now()
    item.live = False
    item.save()
    assert entry_status(agency, "pr-jobs", d(2025, 11, 15)).status is Status.EXPIRED


def test_a_section_takes_the_worst_status_of_its_parts(agency, unit):
    results = {r.key: r for r in checklist_status(agency, d(2026, 1, 5))}
    assert results["contact"].status is Status.MISSING
    for key in ("contact-address", "contact-phone", "contact-fax", "contact-email", "contact-map"):
        publish_on(key, f"ข้อมูล {key}", unit, at(2025, 1, 1, 9, 0))
    results = {r.key: r for r in checklist_status(agency, d(2026, 1, 5))}
    assert results["contact"].status is Status.CURRENT
    assert len(results) == len(load_checklist())


def test_procurement_plan_due_30_working_days_after_allocation(agency, unit):
    publish_on("procurement-plan", "แผนจัดซื้อจัดจ้าง 2568", unit, at(2024, 11, 20, 9, 0))
    agency.budget_allocation_date = d(2025, 11, 3)
    agency.save()
    assert entry_status(agency, "procurement-plan", d(2025, 12, 17)).status is Status.CURRENT
    assert entry_status(agency, "procurement-plan", d(2025, 12, 18)).status is Status.DUE
    publish_on("procurement-plan", "แผนจัดซื้อจัดจ้าง 2569", unit, at(2025, 12, 18, 9, 0))
    assert entry_status(agency, "procurement-plan", d(2025, 12, 18)).status is Status.CURRENT


def test_responsible_units_fall_back_to_the_parent_category(agency, unit):
    finance = Unit.objects.create(agency=agency, name="งานพัสดุ")
    row = Responsibility.objects.create(agency=agency, category_key="procurement")
    row.responsible_units.add(finance)
    assert entry_status(agency, "procurement-plan", d(2026, 1, 5)).units == [finance]


def test_field_problems(agency, make_user):
    titles = [p.title for p in field_problems(agency, d(2026, 1, 5))]
    assert "ยังไม่มีรายชื่อผู้บริหาร" in titles
    Executive.objects.create(agency=agency, name="นพ.สมชาย ใจดี", position="ผู้อำนวยการ")
    agency.address, agency.phone, agency.fax = "1 ถนนสุขภาพ", "02 000 0000", "02 000 0001"
    agency.email, agency.latitude, agency.longitude = "info@example.go.th", 13.7, 100.5
    agency.save()
    make_user("wm1", Role.WEBMASTER)
    problems = {p.title: p.detail for p in field_problems(agency, d(2026, 1, 5))}
    assert problems["ผู้บริหาร นพ.สมชาย ใจดี ข้อมูลยังไม่ครบ"] == "ยังขาด: รูปถ่าย, โทรศัพท์"
    assert not any("ติดต่อ" in title for title in problems)
    assert "ผู้ดูแลเว็บไซต์น้อยกว่าสองคน" in problems
    make_user("wm2", Role.WEBMASTER)
    assert "ผู้ดูแลเว็บไซต์น้อยกว่าสองคน" not in {p.title for p in field_problems(agency, d(2026, 1, 5))}


def test_comment_channel_is_found_under_its_category(agency, unit):
    """The e-services' forms are the channel (compliance/tests/test_shown_by_the_site.py);
    with their categories off the site, nothing under them reaches the public either."""

    def channel_missing() -> bool:
        return any("ความคิดเห็น" in p.title for p in field_problems(agency, d(2026, 1, 5)))

    assert not channel_missing()
    publish_on("feedback", "ช่องทางรับฟังความคิดเห็น", unit, at(2025, 6, 1, 9, 0))
    for key in ("feedback", "complaint-channels"):
        CategoryPage.objects.get(checklist_key=key).unpublish()
    assert channel_missing()


def test_reminder_is_sent_once_per_period(agency, unit):
    calls = []

    def collect(sender, **kwargs):
        calls.append(kwargs)

    renewal_due.connect(collect)
    try:
        publish_on("pr-news", "ข่าวประชาสัมพันธ์ พฤศจิกายน", unit, at(2025, 11, 5, 9, 0))
        assert send_renewal_reminders(agency, d(2025, 12, 10)) == 0  # grace
        assert send_renewal_reminders(agency, d(2025, 12, 11)) == 1
        assert send_renewal_reminders(agency, d(2025, 12, 12)) == 0  # not again this month
        assert send_renewal_reminders(agency, d(2026, 1, 11)) == 1  # a new month
    finally:
        renewal_due.disconnect(collect)
    assert [c["entry"].key for c in calls] == ["pr-news", "pr-news"]
    assert calls[0]["agency"] == agency
    assert calls[0]["status"] is Status.DUE
    assert "/admin/pages/" in calls[0]["url"]
    assert list(RenewalReminder.objects.values_list("period_start", flat=True).order_by("pk")) == [
        d(2025, 12, 1),
        d(2026, 1, 1),
    ]


def test_daily_job_reminds_every_agency(agency, unit):
    publish_on("pr-news", "ข่าวเก่า", unit, at(2020, 1, 5, 9, 0))
    summary = renewal_reminders.run_now()
    assert summary.startswith("1 ")
    assert renewal_reminders.run_now().startswith("0 ")
