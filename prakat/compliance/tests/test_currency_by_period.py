"""An entry is current when an item covers the period now due, by its data period, not when
something was last published. The dates and statuses below are an assessor's, written by hand:
the agency's due day is the 10th; แบบ สขร.1 reports on the month before; a plan covers its own
fiscal year (1 October – 30 September)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from prakat.compliance.currency import Status, entry_status
from prakat.compliance.evidence import IndicatorEvidence
from prakat.compliance.indicators import load_indicator_set
from prakat.compliance.tests.support import at, publish_on
from prakat.content.checklist import load_checklist
from prakat.content.models import InformationItemPage

pytestmark = pytest.mark.database_neutral

d = datetime.date
SUMMARY = "procurement-monthly-summary"


@pytest.fixture
def agency(built_site):
    agency = built_site.agency
    agency.renewal_due_day = 10
    agency.save()
    return agency


def status(agency, key, day):
    result = entry_status(agency, key, day)
    return result.status, result.due_since


def the_months_before(unit, last: datetime.date) -> None:
    """แบบ สขร.1 of every month of fiscal year 2569 up to ``last`` (exclusive), each put up
    on the 5th of the month after, so that only the months a test is about are missing."""
    start = d(2025, 10, 1)
    while start < last:
        end = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        publish_on(
            SUMMARY, f"สขร.1 {start:%m/%Y}", unit, at(end.year, end.month, 5, 9, 0),
            data_period_start=start, data_period_end=end - datetime.timedelta(days=1),
        )  # fmt: skip
        start = end


def test_the_procurement_summary_is_current_only_for_the_month_its_data_covers(agency, unit):
    the_months_before(unit, d(2026, 9, 1))
    september = publish_on(
        SUMMARY, "สขร.1 กันยายน 2569", unit, at(2026, 10, 8, 9, 0),
        data_period_start=d(2026, 9, 1), data_period_end=d(2026, 9, 30),
    )  # fmt: skip
    # In October, September's summary is the one due: met.
    assert status(agency, SUMMARY, d(2026, 10, 9)) == (Status.CURRENT, None)
    assert status(agency, SUMMARY, d(2026, 10, 31)) == (Status.CURRENT, None)
    # Until 10 November October's may still come; from the 11th it is late.
    assert status(agency, SUMMARY, d(2026, 11, 10)) == (Status.CURRENT, None)
    assert status(agency, SUMMARY, d(2026, 11, 11)) == (Status.DUE, d(2026, 11, 11))

    # September's published again on 15 November to fix a typo: October's is still missing.
    InformationItemPage.objects.filter(pk=september.pk).update(
        last_published_at=at(2026, 11, 15, 10, 0)
    )
    assert status(agency, SUMMARY, d(2026, 11, 20)) == (Status.DUE, d(2026, 11, 11))

    publish_on(
        SUMMARY, "สขร.1 ตุลาคม 2569", unit, at(2026, 11, 21, 9, 0),
        data_period_start=d(2026, 10, 1), data_period_end=d(2026, 10, 31),
    )  # fmt: skip
    assert status(agency, SUMMARY, d(2026, 11, 21)) == (Status.CURRENT, None)
    # Early December October's still serves; November's is late from 11 December.
    assert status(agency, SUMMARY, d(2026, 12, 5)) == (Status.CURRENT, None)
    assert status(agency, SUMMARY, d(2026, 12, 11)) == (Status.DUE, d(2026, 12, 11))


def test_a_plan_is_current_only_for_the_fiscal_year_it_covers(agency, unit):
    publish_on(
        "action-plan", "แผนปฏิบัติราชการ ปีงบประมาณ 2569", unit, at(2025, 10, 3, 9, 0),
        data_period_start=d(2025, 10, 1), data_period_end=d(2026, 9, 30),
    )  # fmt: skip
    assert status(agency, "action-plan", d(2026, 9, 30)) == (Status.CURRENT, None)
    # Last year's plan serves until 10 October; then the 2570 plan is late.
    assert status(agency, "action-plan", d(2026, 10, 10)) == (Status.CURRENT, None)
    assert status(agency, "action-plan", d(2026, 10, 11)) == (Status.DUE, d(2026, 10, 11))
    # Last year's plan published again changes nothing.
    publish_on(
        "action-plan", "แผนปฏิบัติราชการ ปีงบประมาณ 2569 (แก้ไขคำผิด)", unit,
        at(2026, 10, 12, 9, 0),
        data_period_start=d(2025, 10, 1), data_period_end=d(2026, 9, 30),
    )  # fmt: skip
    assert status(agency, "action-plan", d(2026, 10, 12)) == (Status.DUE, d(2026, 10, 11))
    publish_on(
        "action-plan", "แผนปฏิบัติราชการ ปีงบประมาณ 2570", unit, at(2026, 10, 13, 9, 0),
        data_period_start=d(2026, 10, 2), data_period_end=d(2027, 9, 30),
    )  # fmt: skip
    assert status(agency, "action-plan", d(2026, 10, 13)) == (Status.CURRENT, None)


def test_an_item_without_a_data_period_stands_for_its_publication_date(agency, unit):
    # Imported or published before the period was asked for: last fiscal year's annual
    # report, put up in October, reports on the year before it.
    publish_on("annual-report", "รายงานประจำปี 2569", unit, at(2026, 10, 20, 9, 0))
    assert status(agency, "annual-report", d(2026, 11, 1)) == (Status.CURRENT, None)
    # News covers no period: this month's news is what counts.
    publish_on("pr-news", "ข่าวกิจกรรม", unit, at(2026, 11, 3, 9, 0))
    assert status(agency, "pr-news", d(2026, 11, 20)) == (Status.CURRENT, None)
    assert status(agency, "pr-news", d(2026, 12, 11)) == (Status.DUE, d(2026, 12, 11))


def test_the_checklist_says_which_entries_report_on_the_period_before():
    checklist = load_checklist()
    # Written from what each document is: reports come after their period, plans before.
    reports = [
        SUMMARY, "procurement-progress", "procurement-analysis", "annual-report", "hr-report",
        "complaint-report", "service-statistics", "budget-progress", "action-plan-progress",
        "web-publishing-report", "gift-solicitation-report",
    ]  # fmt: skip
    plans = [
        "action-plan", "budget-plan", "procurement-plan", "strategy", "hr-policy",
        "anti-corruption-plan", "no-gift-policy", "integrity-pledge", "pr-news",
    ]  # fmt: skip
    for key in reports:
        assert checklist[key].reports_on_previous_period, key
    for key in plans:
        assert not checklist[key].reports_on_previous_period, key


def test_the_procurement_summary_needs_every_month_of_the_year_so_far(agency, unit):
    """MOIT 5 asks for แบบ สขร.1 of every month since October, not only the latest."""

    def month(start, end, published):
        publish_on(
            SUMMARY, f"สขร.1 {start:%m/%Y}", unit, published,
            data_period_start=start, data_period_end=end,
        )  # fmt: skip

    month(d(2026, 10, 1), d(2026, 10, 31), at(2026, 11, 5, 9, 0))
    result = entry_status(agency, SUMMARY, d(2026, 11, 20))
    assert (result.status, result.missing_periods) == (Status.CURRENT, [])

    month(d(2026, 12, 1), d(2026, 12, 31), at(2027, 1, 5, 9, 0))
    # December's is up, November's never was: late since 11 December, and said so.
    result = entry_status(agency, SUMMARY, d(2027, 1, 20))
    assert (result.status, result.due_since) == (Status.DUE, d(2026, 12, 11))
    assert result.missing_periods_label == "พฤศจิกายน 2569"
    # The ITA view says which month MOIT 5 lacks.
    moit5 = IndicatorEvidence(load_indicator_set(2569).indicator("MOIT5"), "MOIT", [result])
    html = render_to_string("compliance/includes/indicators.html", {"evidence": [moit5]})
    assert "ยังขาด: พฤศจิกายน 2569" in html

    month(d(2026, 11, 1), d(2026, 11, 30), at(2027, 1, 21, 9, 0))
    result = entry_status(agency, SUMMARY, d(2027, 1, 21))
    assert (result.status, result.missing_periods) == (Status.CURRENT, [])


def test_the_anti_corruption_day_falls_due_after_9_december_not_in_october(agency, unit):
    """MOIT 20: the agency takes part in International Anti-Corruption Day, 9 December. Last
    year's evidence serves until then; from 10 December this year's is late."""
    key = "anti-corruption-day"
    publish_on(key, "ร่วมกิจกรรมวันต่อต้านคอร์รัปชันสากล 2568", unit, at(2025, 12, 15, 9, 0))
    assert status(agency, key, d(2026, 10, 11)) == (Status.CURRENT, None)  # was "due" here
    assert status(agency, key, d(2026, 12, 9)) == (Status.CURRENT, None)
    assert status(agency, key, d(2026, 12, 10)) == (Status.DUE, d(2026, 12, 10))
    publish_on(key, "ร่วมกิจกรรมวันต่อต้านคอร์รัปชันสากล 2569", unit, at(2026, 12, 12, 9, 0))
    assert status(agency, key, d(2026, 12, 12)) == (Status.CURRENT, None)
    assert load_checklist()[key].due_on == (12, 9)


@pytest.mark.parametrize(
    "key",
    [
        "annual-report",
        "procurement-analysis",
        "hr-report",
        "gift-solicitation-report",
        "harassment-report",
    ],
)
def test_reports_on_the_year_that_ended_fall_due_on_the_agency_s_day_not_in_october(
    agency, unit, key
):
    """A report on fiscal year 2569 (which ended 30 September 2026) cannot be due on
    11 October: until the agency's day (31 December unless it moves it) the report on 2568
    still serves; from the day after, 2569's is late."""
    publish_on(
        key, "รายงานประจำปีงบประมาณ พ.ศ. 2568", unit, at(2025, 11, 20, 9, 0),
        data_period_start=d(2024, 10, 1), data_period_end=d(2025, 9, 30),
    )  # fmt: skip
    assert status(agency, key, d(2026, 10, 11)) == (Status.CURRENT, None)  # was "due" here
    assert status(agency, key, d(2026, 12, 31)) == (Status.CURRENT, None)
    assert status(agency, key, d(2027, 1, 1)) == (Status.DUE, d(2027, 1, 1))
    # The agency's assessor asks for them by 31 January: the day moves with the setting.
    agency.previous_year_reports_due_month, agency.previous_year_reports_due_day = 1, 31
    agency.save()
    assert status(agency, key, d(2027, 1, 31)) == (Status.CURRENT, None)
    assert status(agency, key, d(2027, 2, 1)) == (Status.DUE, d(2027, 2, 1))
    publish_on(
        key, "รายงานประจำปีงบประมาณ พ.ศ. 2569", unit, at(2027, 2, 3, 9, 0),
        data_period_start=d(2025, 10, 1), data_period_end=d(2026, 9, 30),
    )  # fmt: skip
    assert status(agency, key, d(2027, 2, 3)) == (Status.CURRENT, None)
    # The monthly summary keeps the agency's due day of the month.
    assert entry_status(agency, SUMMARY, d(2027, 2, 3)).due_rule == (
        "ภายในวันที่ 10 ของเดือนถัดจากแต่ละรอบ"
    )


def test_each_entry_states_when_it_falls_due(client, agency, webmaster):
    """The dashboard says beside each entry when it falls due, as an assessor would read the
    rule: written here by hand for one entry of each kind."""
    client.force_login(webmaster)
    html = client.get("/admin/compliance/").content.decode()

    def rule(key: str) -> str:
        start = html.index(f'data-key="{key}"')
        row = html[start : html.index("</tr>", start)]
        found = row.split('class="prakat-due-rule">', 1)
        return found[1].split("</small>", 1)[0] if len(found) == 2 else ""

    assert rule("annual-report") == "กำหนด: ภายในวันที่ 31 ธันวาคม รายงานผลของปีงบประมาณที่ผ่านมา"
    assert rule("anti-corruption-day") == "กำหนด: หลังวันที่ 9 ธันวาคม ของทุกปี ซึ่งเป็นวันจัดกิจกรรม"
    assert rule("action-plan") == "กำหนด: ภายในวันที่ 10 ตุลาคม ครอบคลุมปีงบประมาณปัจจุบัน"
    assert rule("procurement-monthly-summary") == "กำหนด: ภายในวันที่ 10 ของเดือนถัดจากแต่ละรอบ"
    assert rule("procurement-plan") == "กำหนด: ภายใน 30 วันทำการหลังได้รับจัดสรรงบประมาณ"
    assert rule("history") == "กำหนด: เมื่อมีการเปลี่ยนแปลง"


def test_a_day_not_every_year_has_is_refused_with_the_rule(agency):
    agency.previous_year_reports_due_month, agency.previous_year_reports_due_day = 2, 29
    with pytest.raises(ValidationError) as refused:
        agency.full_clean()
    assert refused.value.message_dict["previous_year_reports_due_day"] == [
        "เดือนกุมภาพันธ์ ไม่มีวันที่ 29 ทุกปี โปรดเลือกวันที่ที่มีทุกปี"
    ]
