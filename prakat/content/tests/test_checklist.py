import pytest

from prakat.content.checklist import (
    ChecklistError,
    Renewal,
    load_checklist,
    parse_checklist,
)

TOP_KEYS = [
    "general",
    "laws",
    "knowledge",
    "weblinks",
    "oia",
    "sop-manuals",
    "citizen-manuals",
    "public-relations",
    "e-service",
    "statistics",
]

# What the seeds and the issue name, by the keys later code relies on.
REQUIRED_KEYS = [
    "history", "vision", "mission", "structure", "executives", "cio", "authority", "strategy",
    "action-plan", "performance-report", "contact", "contact-phone", "contact-fax", "contact-map",
    "contact-email", "pr-news", "pr-activity-photos", "pr-alerts", "pr-jobs",
    "procurement-announcements", "procurement-results", "visitor-statistics", "satisfaction",
    "executive-policy", "ethics-code", "complaint-procedures", "complaint-report",
    "procurement-plan", "procurement-monthly-summary", "procurement-analysis", "service-standards",
]  # fmt: skip


def test_ten_top_categories_in_the_seeds_order():
    checklist = load_checklist()
    top = checklist.top()
    assert [e.key for e in top] == TOP_KEYS
    assert [e.number for e in top] == list(range(1, 11))
    assert top[0].title_th == "ข้อมูลหน่วยงาน"


@pytest.mark.parametrize("key", REQUIRED_KEYS)
def test_required_item_is_listed_with_thai_and_english_titles(key):
    entry = load_checklist()[key]
    assert entry.title_th and entry.title_en
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in entry.title_th)


def test_sub_items_sit_under_their_category():
    checklist = load_checklist()
    assert checklist["history"].parent == "general"
    assert checklist["contact-fax"].parent == "contact"
    assert checklist["procurement-monthly-summary"].parent == "procurement"
    assert checklist["procurement"].parent == "public-relations"
    assert {e.key for e in checklist.children("contact")} >= {
        "contact-phone",
        "contact-fax",
        "contact-map",
        "contact-email",
    }


def test_renewal_cadences():
    checklist = load_checklist()
    assert checklist["procurement-monthly-summary"].renewal is Renewal.MONTHLY
    assert checklist["action-plan"].renewal is Renewal.YEARLY
    assert checklist["action-plan-progress"].renewal is Renewal.QUARTERLY
    assert checklist["complaint-report"].renewal is Renewal.HALF_YEARLY
    assert checklist["history"].renewal is Renewal.ON_CHANGE


def test_official_information_act_headings():
    checklist = load_checklist()
    assert "s7-1" in checklist["structure"].oia
    assert "s7-4" in checklist["laws"].oia
    assert "s9-3" in checklist["action-plan"].oia
    assert checklist["structure"] in checklist.for_oia("s7-1")


def entries(*rows):
    return {"entries": [dict(zip(("key", "parent"), row, strict=True)) | BASE for row in rows]}


BASE = {"title_th": "หัวข้อ", "title_en": "Topic", "renewal": "on_change"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"entries": []}, "non-empty list"),
        (entries(("a", None), ("a", None)), "used twice"),
        (entries(("a", "b"), ("b", None)), "not an earlier entry"),
        (entries(("Bad Key", None)), "lowercase ASCII"),
        (
            entries(("a", None), ("b", "a"), ("c", "b"), ("d", "c")),
            "deeper than 3 levels",
        ),
        ({"entries": [{"key": "a", "title_en": "A", "renewal": "on_change"}]}, "title_th"),
        ({"entries": [BASE | {"key": "a", "renewal": "weekly"}]}, "renewal must be one of"),
        ({"entries": [BASE | {"key": "a", "oia": ["s8-1"]}]}, "unknown OIA heading"),
        ({"entries": [BASE | {"key": "a", "due_on": "02-30"}]}, "due_on is MM-DD, not 02-30"),
        ({"entries": [BASE | {"key": "a", "reports_on": "next"}]}, "reports_on is current or"),
    ],
)
def test_inconsistent_checklist_is_refused_with_the_rule_it_breaks(data, message):
    with pytest.raises(ChecklistError, match=message):
        parse_checklist(data)
