"""Every CSV and XLSX file the site hands out keeps text that would start a spreadsheet
formula as text: a hostile value is put where each export takes text from outside, the export
is downloaded through its real view, and its cells are read back.

In a CSV file such text must come back with a leading single quote (spreadsheets then read
it as text); in an XLSX file it must come back unchanged, in a string cell, and no cell of
the file may be a formula.
"""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from prakat.agency.models import Unit
from prakat.agency.roles import Role
from prakat.audit import writer
from prakat.audit.tests.conftest import spool_lines
from prakat.compliance.tests.support import at, publish_on
from prakat.content.models import CategoryPage
from prakat.content.tests.helpers import publish_item
from prakat.publishing.models import MonthlyReport
from prakat.publishing.submission import RequestDetails, submit
from prakat.publishing.tests.test_workflow import act
from prakat.statistics import counting

pytestmark = pytest.mark.database_neutral

HOSTILE = [
    '=HYPERLINK("http://evil.example/","ดูรายละเอียด")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+2",
]
# A form's text field drops leading white space, so through a form the last one arrives as:
HOSTILE_THROUGH_A_FORM = [
    '=HYPERLINK("http://evil.example/","ดูรายละเอียด")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=1+2",
]
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cells(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with its byte-order mark, for Thai"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def assert_csv_keeps_text(content: bytes, hostile: list[str]) -> None:
    cells = [cell for row in csv_cells(content) for cell in row]
    for value in hostile:
        assert "'" + value in cells, (value, cells)
    assert [cell for cell in cells if cell.startswith(FORMULA_START)] == []


def assert_xlsx_keeps_text(content: bytes, hostile: list[str]) -> None:
    book = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    strings = {c.value for c in cells if c.data_type == "s"}
    for value in hostile:
        assert value in strings, (value, strings)


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def auditor(make_user):
    return make_user("auditor", Role.AUDITOR, first_name="ตรวจ", last_name="สอบ")


@pytest.fixture(autouse=True)
def _writer_stopped_after():
    yield
    writer.stop()


# --- the audit log: names tried at the sign-in page by anyone ------------------------------


@pytest.fixture
def failed_sign_ins(client, built_site):
    for number, name in enumerate(HOSTILE):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": name, "password": "not-the-password-1"},
            REMOTE_ADDR=f"198.51.100.{number + 1}",
        )


def test_the_audit_log_csv_keeps_a_tried_user_name_as_text(client, failed_sign_ins, auditor):
    client.force_login(auditor)
    response = client.get(reverse("audit_log"), {"export": "csv"})
    assert response.status_code == 200
    assert_csv_keeps_text(body(response), HOSTILE_THROUGH_A_FORM)


def test_the_audit_log_xlsx_keeps_a_tried_user_name_as_text(client, failed_sign_ins, auditor):
    client.force_login(auditor)
    response = client.get(reverse("audit_log"), {"export": "xlsx"})
    assert response.status_code == 200
    assert_xlsx_keeps_text(body(response), HOSTILE_THROUGH_A_FORM)


# --- the traffic log: any visitor's user agent --------------------------------------------


def test_the_traffic_log_csv_keeps_a_user_agent_as_text(client, built_site, auditor):
    for name in HOSTILE:
        client.get("/", HTTP_USER_AGENT=name)
    assert len(spool_lines(count=len(HOSTILE))) >= len(HOSTILE)
    client.force_login(auditor)
    today = timezone.localdate()
    day = f"{today.day:02d}/{today.month:02d}/{today.year + 543}"
    response = client.get(reverse("traffic_log"), {"start": day, "end": day})
    assert response.status_code == 200
    assert_csv_keeps_text(body(response), HOSTILE)


# --- visitor statistics: item titles and unit names ---------------------------------------


def test_the_visitor_statistics_csv_keeps_titles_and_unit_names_as_text(
    client, built_site, webmaster, settings
):
    settings.VIEWS_FLUSH_SECONDS = 3600
    counting.flush()
    news = CategoryPage.objects.get(checklist_key="pr-news")
    for number, name in enumerate(HOSTILE):
        unit = Unit.objects.create(agency=built_site.agency, name=f"{name} งาน {number}")
        item = publish_item(news, name, unit)
        assert client.get(item.url, HTTP_USER_AGENT=FIREFOX).status_code == 200
    counting.flush()
    client.force_login(webmaster)
    response = client.get("/admin/statistics/", {"format": "csv"})
    assert response.status_code == 200
    unit_names = [f"{name} งาน {number}" for number, name in enumerate(HOSTILE)]
    assert_csv_keeps_text(response.content, HOSTILE + unit_names)


# --- the satisfaction survey: the public's comments ---------------------------------------


@pytest.fixture
def survey_comments(client, built_site):
    cache.clear()
    for number, comment in enumerate(HOSTILE):
        answer = {"current": "5", "findable": "4", "easy_to_use": "3", "design": "4",
                  "overall": "5", "comment": comment}  # fmt: skip
        response = client.post(
            "/survey/", answer, REMOTE_ADDR=f"203.0.113.{number + 1}", HTTP_USER_AGENT=FIREFOX
        )
        assert response.status_code == 302


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_survey_answers_keep_a_comment_as_text(client, survey_comments, webmaster, kind):
    client.force_login(webmaster)
    today = timezone.localdate()
    query = {"start": today.replace(day=1).isoformat(), "end": today.isoformat(), "format": kind}
    response = client.get("/admin/survey/", query)
    assert response.status_code == 200
    if kind == "csv":
        assert_csv_keeps_text(response.content, HOSTILE_THROUGH_A_FORM)
    else:
        assert_xlsx_keeps_text(response.content, HOSTILE_THROUGH_A_FORM)
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert [row[0] for row in rows[1:]] == [1, 2, 3, 4, 5]  # numbers stay numbers
        assert [row[6] for row in rows[1:]] == [5, 5, 5, 5, 5]


# --- the ITA evidence: item titles --------------------------------------------------------


def test_the_ita_evidence_xlsx_keeps_item_titles_as_text(client, built_site, unit, webmaster):
    when = at(2026, 9, 1, 9, 0)  # in fiscal year 2569, whose evidence is downloaded
    for name in HOSTILE:
        publish_on("action-plan", name, unit, when)
    client.force_login(webmaster)
    response = client.get(reverse("compliance:ita_xlsx", args=[2569]))
    assert response.status_code == 200
    assert_xlsx_keeps_text(response.content, HOSTILE)


# --- the monthly publishing report: request titles, unit names, people's names -----------


def test_the_monthly_report_xlsx_keeps_titles_and_names_as_text(client, people, news):
    people.unit.name = "-งานประชาสัมพันธ์"
    people.unit.save()
    for name in HOSTILE:
        publication_request = submit(people.requester, news, RequestDetails(title=name))
        act(publication_request, people.head, "approve")
        act(publication_request, people.webmaster, "approve", comment="", go_live_at=None)
    client.force_login(people.webmaster)
    today = timezone.localdate()
    response = client.post(
        reverse("monthly_reports:index"), {"month": today.month, "year": today.year + 543}
    )
    assert response.status_code == 302

    report = MonthlyReport.objects.get(year=today.year, month=today.month)
    response = client.get(reverse("publishing:monthly_report_file", args=[report.pk, "xlsx"]))
    assert response.status_code == 200
    assert_xlsx_keeps_text(body(response), [*HOSTILE, "-งานประชาสัมพันธ์"])


def test_numbers_and_dates_stay_numbers_in_a_spreadsheet(client, failed_sign_ins, auditor):
    client.force_login(auditor)
    response = client.get(reverse("audit_log"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(body(response))).active
    first_times = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert first_times and all(isinstance(t, datetime.datetime) for t in first_times)


# --- Wagtail's own reports: page titles typed by staff -----------------------------------


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "report", ["wagtailadmin_reports:aging_pages", "wagtailadmin_reports:site_history"]
)
def test_wagtails_own_reports_keep_page_titles_as_text(
    client, built_site, unit, make_user, report, kind
):
    news = CategoryPage.objects.get(checklist_key="pr-news")
    for name in HOSTILE:
        publish_item(news, name, unit)
    client.force_login(make_user("root", Role.ADMINISTRATOR, is_superuser=True))
    response = client.get(reverse(report), {"export": kind})
    assert response.status_code == 200
    if kind == "csv":
        assert_csv_keeps_text(body(response), HOSTILE)
    else:
        assert_xlsx_keeps_text(body(response), HOSTILE)


# --- every export leaves a trace ---------------------------------------------------------


def exports_logged(user) -> list[str]:
    from wagtail.models import ModelLogEntry

    return list(
        ModelLogEntry.objects.filter(action="prakat.export", user=user)
        .order_by("timestamp", "pk")
        .values_list("label", flat=True)
    )


def test_every_export_is_written_in_the_audit_log(client, people, news, survey_comments):
    """Whatever its format and whoever's data it carries, each download is written down
    against the person, in words an auditor reads."""
    from prakat.publishing.monthly_report import generate_monthly_report

    publish_item(news, "ประกาศรับสมัครงาน", people.unit)
    report = generate_monthly_report(people.agency, 2026, 10)
    client.force_login(people.webmaster)
    downloads = [
        ("/admin/survey/", {"format": "csv", "start": "01/10/2569", "end": "30/11/2569"}),
        ("/admin/survey/", {"format": "xlsx", "start": "01/10/2569", "end": "30/11/2569"}),
        ("/admin/statistics/", {"format": "csv", "start": "01/11/2569", "end": "28/11/2569"}),
        (reverse("compliance:ita_xlsx", args=[2569]), {}),
        (reverse("compliance:ita_pdf", args=[2569]), {}),
        (reverse("publishing:monthly_report_file", args=[report.pk, "pdf"]), {}),
        (reverse("publishing:monthly_report_file", args=[report.pk, "xlsx"]), {}),
    ]
    for path, query in downloads:
        response = client.get(path, query)
        assert response.status_code == 200, path
        body(response)
    assert exports_logged(people.webmaster) == [
        "คำตอบแบบประเมินความพึงพอใจ 1 ตุลาคม 2569 – 30 พฤศจิกายน 2569 (CSV)",
        "คำตอบแบบประเมินความพึงพอใจ 1 ตุลาคม 2569 – 30 พฤศจิกายน 2569 (XLSX)",
        "สถิติการเข้าใช้เว็บไซต์ 1 พฤศจิกายน 2569 – 28 พฤศจิกายน 2569 (CSV)",
        "หลักฐาน ITA ปีงบประมาณ 2569 (XLSX)",
        "หลักฐาน ITA ปีงบประมาณ 2569 (PDF)",
        "รายงานผลการเผยแพร่ข้อมูลประจำเดือนตุลาคม 2569 (PDF)",
        "รายงานผลการเผยแพร่ข้อมูลประจำเดือนตุลาคม 2569 (XLSX)",
    ]
