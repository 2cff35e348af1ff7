"""The official PDFs read back as typed, to the letter: Mueang Loei's request form, memo and
monthly report, read by pypdf and by pdftotext, compared character for character with what
its people typed (ำ, tone marks and all), and names and places never broken across lines."""

from __future__ import annotations

import io

import pytest
from django.template import Context, Template
from django.utils import timezone
from pypdf import PdfReader
from weasyprint import HTML

from prakat.agency.models import Agency
from prakat.content.models import CategoryPage
from prakat.content.pdf import font_faces
from prakat.content.pdf_fonts import exact_text_layer
from prakat.content.tests.pdf_text import pdftotext, skeleton
from prakat.demo.loader import load_demo
from prakat.publishing.monthly_report import build_monthly_report, monthly_report_pdf
from prakat.publishing.printing import memo_pdf, request_form_pdf
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act

pytestmark = pytest.mark.database_neutral

# As Mueang Loei's people typed them (the demo's settings and accounts), and as the
# calendar prints the month.
TYPED = [
    "สำนักงานสาธารณสุขอำเภอเมืองเลย",
    "ตำบลกุดป่อง อำเภอเมืองเลย จังหวัดเลย 42000",
    "สมพงษ์ บัวงาม",
    "สาธารณสุขอำเภอเมืองเลย",
    "นภาพร สอนดี",
    "เจ้าพนักงานธุรการ",
    "น้ำท่วมขัง ผู้ป่วยค่ำนี้",
]
# What the text layer gave before: ำ read as า, า read as ำ.
WRONG = ["สานักงาน", "อาเภอ", "สำนักงำน", "พฤศจิกำยน", "สำธำรณสุข"]


def both_readings(pdf: bytes) -> list[str]:
    read_by_pypdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return [read_by_pypdf, pdftotext(pdf)]


def user(name):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=name)


@pytest.fixture
def mueang_loei(built_site):
    agency = Agency.current()
    agency.name = ""
    agency.save()
    load_demo("mueang-loei")
    news = CategoryPage.objects.get(checklist_key="pr-news")
    publication_request = submit(
        user("requester"),
        news,
        RequestDetails(title="แจ้งเตือนน้ำท่วมขัง ผู้ป่วยค่ำนี้", summary="น้ำท่วมขัง ผู้ป่วยค่ำนี้"),
    )
    act(publication_request, user("unithead"), "approve")
    act(publication_request, user("webmaster"), "approve", comment="", go_live_at=None)
    return publication_request


def test_each_pdf_reads_back_exactly_as_typed(mueang_loei):
    today = timezone.localdate()
    documents = {
        "request form": request_form_pdf(mueang_loei),
        "memo": memo_pdf([mueang_loei]),
        "monthly report": monthly_report_pdf(
            build_monthly_report(mueang_loei.unit.agency, today.year, today.month)
        ),
    }
    month = f"{['', 'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'][today.month]} {today.year + 543}"  # noqa: E501
    for name, pdf in documents.items():
        for reading in both_readings(pdf):
            text = skeleton(reading)
            for typed in [*TYPED[2:4], month]:
                assert skeleton(typed) in text, (name, typed)
            for wrong in WRONG:
                assert wrong not in text, (name, wrong)
    for reading in both_readings(documents["request form"]):
        for typed in TYPED:
            assert skeleton(typed) in skeleton(reading), typed
    # The memo names the office once under ส่วนราชการ (its one unit is the office itself).
    for reading in both_readings(documents["memo"]):
        assert "ส่วนราชการสำนักงานสาธารณสุขอำเภอเมืองเลยโทร.042812665" in skeleton(reading)


NARROW = Template(
    '{% extends "content/pdf/base.html" %}{% load pdf_words %}'
    "{% block style %}table { width: {{ width }}; }{% endblock %}{% block body %}<table>"
    "{% for text in texts %}<tr><td>{% if keep %}{{ text|keep_words }}{% else %}{{ text }}"
    "{% endif %}</td></tr>{% endfor %}</table>{% endblock %}"
)
NAMES = ["สมพงษ์ บัวงาม", "ตำบลกุดป่อง อำเภอเมืองเลย", "นางสาวจันทร์เพ็ญ ภูเรือ"]


def lines_of(keep: bool, width: str = "5cm") -> list[str]:
    context = {"fonts": font_faces(), "texts": NAMES, "keep": keep, "width": width}
    html = NARROW.render(Context(context))
    pdf = HTML(string=html).write_pdf(finisher=exact_text_layer)
    return [line.strip() for line in pdftotext(pdf).splitlines() if line.strip()]


def test_names_and_places_are_never_broken_inside_a_word(built_site):
    words = [word for name in NAMES for word in name.split(" ")]
    kept = lines_of(keep=True)
    # Each word whole on some line: a narrow cell breaks only between the words.
    for word in words:
        assert any(word in line for line in kept), (word, kept)
    # The same cell without it breaks inside a name the dictionary does not know.
    broken = lines_of(keep=False)
    assert not all(any(word in line for line in broken) for word in words), broken


ROWS = Template(
    '{% extends "content/pdf/base.html" %}{% block body %}<table>{% for n in rows %}'
    "<tr><td>แถวที่ {{ n }} เริ่ม<br>รายละเอียด<br>รายละเอียด<br>แถวที่ {{ n }} จบ</td></tr>"
    "{% endfor %}</table>{% endblock %}"
)


def test_a_table_row_is_never_split_across_pages(built_site):
    html = ROWS.render(Context({"fonts": font_faces(), "rows": range(1, 41)}))
    pdf = HTML(string=html).write_pdf(finisher=exact_text_layer)
    pages = [skeleton(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 2
    for n in range(1, 41):
        start = next(i for i, text in enumerate(pages) if f"แถวที่{n}เริ่ม" in text)
        assert f"แถวที่{n}จบ" in pages[start], n
