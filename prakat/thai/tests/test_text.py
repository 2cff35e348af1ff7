import pytest

from prakat.thai.text import without_invisible_controls


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u202efdp.exe", "fdp.exe"),  # would show as "exe.pdf"
        ("รายงาน\u202dประจำปี\u202c", "รายงานประจำปี"),
        ("\u202aงบ\u202b\u202c", "งบ"),
        ("\u2066ชื่อ\u2067\u2068\u2069", "ชื่อ"),
        ("\u200eสมชาย\u200f\u061c", "สมชาย"),
        ("ประกาศ\u200bรับสมัคร\u200cงาน\u200d", "ประกาศรับสมัครงาน"),
        ("\ufeffข่าว\u2060สาร", "ข่าวสาร"),
        ("น้ำท่วม ปี ๒๕๖๙ (ฉบับที่ 2)", "น้ำท่วม ปี ๒๕๖๙ (ฉบับที่ 2)"),  # Thai marks and digits stay
        ("مرحبا Hello", "مرحبا Hello"),  # letters of any script stay
    ],
)
def test_invisible_controls_are_taken_out_and_nothing_else(typed, kept):
    assert without_invisible_controls(typed) == kept
