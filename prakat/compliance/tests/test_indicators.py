import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from prakat.agency.models import Unit
from prakat.compliance.indicators import (
    IndicatorError,
    parse_indicator_set,
    shipped_indicator_set,
    shipped_years,
)
from prakat.compliance.tests.support import at, publish_on
from prakat.content.checklist import load_checklist
from prakat.thai.dates import BANGKOK

pytestmark = pytest.mark.database_neutral


def test_fiscal_year_2569_has_moit_1_to_22_in_nine_groups():
    indicators = shipped_indicator_set(2569)
    assert indicators.framework == "MOIT"
    assert [i.number for i in indicators.indicators] == list(range(1, 23))
    assert len(indicators.groups) == 9
    assert sorted(n for g in indicators.groups for n in g.indicators) == list(range(1, 23))
    assert indicators.indicator("MOIT5").title_th.startswith("หน่วยงานมีการสรุปผลการจัดซื้อจัดจ้าง")


def test_every_indicator_is_answered_by_checklist_entries():
    checklist = load_checklist()
    indicators = shipped_indicator_set(2569)
    for indicator in (*indicators.indicators, *indicators.oit_items):
        assert indicator.entries, indicator.code
        assert all(key in checklist for key in indicator.entries)
    assert "procurement-monthly-summary" in indicators.indicator("MOIT5").entries


def test_years_come_from_the_files_present():
    assert 2569 in shipped_years()
    with pytest.raises(IndicatorError, match="ยังไม่มีไฟล์ตัวชี้วัดของปีงบประมาณ 2499"):
        shipped_indicator_set(2499)


def test_unknown_checklist_key_is_refused():
    data = {
        "fiscal_year": 2570,
        "indicators": [{"code": "MOIT1", "number": 1, "entries": ["no-such-entry"]}],
    }
    with pytest.raises(IndicatorError, match="ไม่มีหมวดรหัส no-such-entry"):
        parse_indicator_set(data)


def test_indicator_outside_every_group_is_refused():
    data = {
        "fiscal_year": 2570,
        "groups": [{"number": 1, "title_th": "กลุ่ม", "indicators": [1]}],
        "indicators": [
            {"code": "MOIT1", "number": 1, "entries": ["structure"]},
            {"code": "MOIT2", "number": 2, "entries": ["structure"]},
        ],
    }
    with pytest.raises(IndicatorError, match="ตัวชี้วัดทุกข้อต้องอยู่ในกลุ่มเดียวเท่านั้น"):
        parse_indicator_set(data)


def test_moit_2_keeps_the_manual_s_sub_item_numbers():
    moit2 = shipped_indicator_set(2569).indicator("MOIT2")
    # As the assessment's manual numbers them (../shared/reference/ita-and-oia.md).
    assert [sub.code for sub in moit2.sub_items] == [
        "2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.1.6", "2.1.7", "2.1.8",
        "2.9", "2.10", "2.11", "2.12", "2.13", "2.14", "2.15", "2.16", "2.17",
    ]  # fmt: skip
    contact = next(sub for sub in moit2.sub_items if sub.code == "2.1.7")
    assert contact.entries[:2] == ("contact", "contact-address")


def test_the_ita_view_names_each_sub_item_s_status(client, built_site, webmaster):
    """An agency whose settings hold no contact details reads "2.1.7 … ยังไม่มีข้อมูล"; the
    same sub-item reads current once the settings hold all five."""

    def sub_item_2_1_7() -> str:
        html = client.get(reverse("compliance:ita"), {"year": 2569}).content.decode()
        start = html.index('data-sub-item="2.1.7"')
        return html[start : html.index("</li>", start)]

    client.force_login(webmaster)
    agency = built_site.agency
    agency.address = agency.phone = agency.fax = agency.email = ""
    agency.latitude = agency.longitude = None
    agency.save()
    assert "ยังไม่มีข้อมูล" in sub_item_2_1_7()
    agency.address, agency.phone, agency.fax = "1 ถนนสุขภาพ", "0 5500 0000", "0 5500 0001"
    agency.email, agency.latitude, agency.longitude = "info@example.go.th", 16.48, 99.52
    agency.save()
    assert "เป็นปัจจุบัน" in sub_item_2_1_7()


def test_the_year_file_maps_all_43_oit_items_as_the_reference_lists_them():
    """The NACC's OIT list (../shared/reference/ita-and-oia.md): O1 … O43, each answered by
    the entries a person would look under, checked here for the ones the site answers by
    itself."""
    indicators = shipped_indicator_set(2569)
    assert [item.code for item in indicators.oit_items] == [f"O{n}" for n in range(1, 44)]
    # Written from the reference's glosses.
    answered_by = {
        "O5": "contact",  # ข้อมูลการติดต่อ
        "O8": "questions",  # Q&A
        "O10": "privacy-policy",  # นโยบายคุ้มครองข้อมูลส่วนบุคคล
        "O21": "procurement-monthly-summary",  # สรุปผลการจัดซื้อจัดจ้างรายเดือน
        "O28": "complaint-channels",  # ช่องทางแจ้งเรื่องร้องเรียนการทุจริต
    }
    for code, key in answered_by.items():
        assert key in indicators.indicator(code).entries, code


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, 0, tzinfo=BANGKOK), tick=False)
def test_one_document_does_not_answer_a_rule_that_asks_for_two(client, built_site, webmaster):
    """MOIT 9 and 2.12 ask for two complaint manuals, MOIT 15 for two plans: one item, even a
    manual covering both kinds of complaint, answers one entry only, and the ITA view names
    what is still missing until the second document is up."""
    unit = Unit.objects.create(agency=built_site.agency, name="กลุ่มงานนิติการ")
    both = "คู่มือการจัดการเรื่องร้องเรียนการให้บริการและการทุจริต (ฉบับรวม)"
    publish_on("complaint-procedures", both, unit, at(2026, 1, 20, 9, 0))
    publish_on(
        "anti-corruption-plan", "แผนป้องกันการทุจริตและแผนชมรมจริยธรรม ปีงบประมาณ พ.ศ. 2570",
        unit, at(2026, 10, 2, 9, 0),
        data_period_start=datetime.date(2026, 10, 1), data_period_end=datetime.date(2027, 9, 30),
    )  # fmt: skip
    client.force_login(webmaster)

    def ita() -> str:
        return client.get(reverse("compliance:ita"), {"year": 2570}).content.decode()

    def part(html: str, start: str, end: str) -> str:
        first = html.index(start)
        return html[first : html.index(end, first)]

    html = ita()
    assert "ยังไม่มีข้อมูล" in part(html, 'data-sub-item="2.12"', "</li>")
    moit9 = part(html, 'id="indicator-MOIT9"', "</section>")
    assert 'data-key="complaint-procedures">' in moit9 and both in moit9
    # Still missing: the second manual, and only it (the complaint channel is the site's own
    # form, shown by the site).
    missing = part(moit9, "ยังขาด:", "</p>")
    assert re.findall(r'data-key="([^"]+)"', missing) == ["corruption-complaint-procedures"]
    assert "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (<span" in missing
    assert 'data-key="complaint-channels">' in part(moit9, "<ul>", "ยังขาด:")
    moit15 = part(html, 'id="indicator-MOIT15"', "</section>")
    assert re.findall(r'data-key="([^"]+)"', part(moit15, "ยังขาด:", "</p>")) == ["ethics-club-plan"]

    publish_on(
        "corruption-complaint-procedures", "คู่มือการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        unit, at(2026, 1, 20, 9, 0),
    )  # fmt: skip
    html = ita()
    assert "เป็นปัจจุบัน" in part(html, 'data-sub-item="2.12"', "</li>")
    assert "ยังขาด:" not in part(html, 'id="indicator-MOIT9"', "</section>")
