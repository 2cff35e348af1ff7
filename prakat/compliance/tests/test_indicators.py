import pytest

from prakat.compliance.indicators import (
    IndicatorError,
    available_years,
    load_indicator_set,
    parse_indicator_set,
)
from prakat.content.checklist import load_checklist


def test_fiscal_year_2569_has_moit_1_to_22_in_nine_groups():
    indicators = load_indicator_set(2569)
    assert indicators.framework == "MOIT"
    assert [i.number for i in indicators.indicators] == list(range(1, 23))
    assert len(indicators.groups) == 9
    assert sorted(n for g in indicators.groups for n in g.indicators) == list(range(1, 23))
    assert indicators.indicator("MOIT5").title_th.startswith("หน่วยงานมีการสรุปผลการจัดซื้อจัดจ้าง")


def test_every_indicator_is_answered_by_checklist_entries():
    checklist = load_checklist()
    indicators = load_indicator_set(2569)
    for indicator in (*indicators.indicators, *indicators.oit_items):
        assert indicator.entries, indicator.code
        assert all(key in checklist for key in indicator.entries)
    assert "procurement-monthly-summary" in indicators.indicator("MOIT5").entries


def test_years_come_from_the_files_present():
    assert 2569 in available_years()
    with pytest.raises(IndicatorError, match="no indicator file for fiscal year 2499"):
        load_indicator_set(2499)


def test_unknown_checklist_key_is_refused():
    data = {
        "fiscal_year": 2570,
        "indicators": [{"code": "MOIT1", "number": 1, "entries": ["no-such-entry"]}],
    }
    with pytest.raises(IndicatorError, match="unknown checklist key"):
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
    with pytest.raises(IndicatorError, match="exactly one group"):
        parse_indicator_set(data)
