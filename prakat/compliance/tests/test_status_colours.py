"""The dashboard's statuses stand out by colour, each readable: WCAG 2.1 AA asks 4.5:1 between
text and background (1.4.3), computed here by WCAG's own formula from the staff style sheet."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.database_neutral

ADMIN_CSS = Path(settings.BASE_DIR) / "prakat" / "static" / "css" / "admin.css"


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_gives_wcags_own_figures():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the lightest grey AA allows


def test_each_status_has_its_colour_and_passes_aa():
    css = ADMIN_CSS.read_text(encoding="utf-8")
    rules = dict(
        re.findall(r"\.prakat-status--(\w+) \{ color: (#[0-9a-f]{6}); background-color: ", css)
    )
    backgrounds = dict(
        re.findall(r"\.prakat-status--(\w+) \{[^}]*background-color: (#[0-9a-f]{6})", css)
    )
    assert set(rules) == set(backgrounds) == {"current", "due", "expired", "missing"}
    for status, text in rules.items():
        assert contrast(text, backgrounds[status]) >= 4.5, status
    # Four statuses, four colours: none reads like another.
    assert len(set(backgrounds.values())) == 4


def test_the_dashboard_marks_each_row_with_its_status_colour(client, webmaster):
    client.force_login(webmaster)
    html = client.get("/admin/compliance/").content.decode()
    marks = re.findall(
        r'class="w-status prakat-status prakat-status--(\w+)" data-status="(\w+)"', html
    )
    assert marks and all(colour == status for colour, status in marks)
    assert {"missing"} <= {status for _, status in marks}
