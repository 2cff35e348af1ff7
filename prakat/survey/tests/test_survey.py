"""The website satisfaction survey: one answer a visitor a day, results anyone can read,
comments kept no longer than the form promises, and the answers for staff to download."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from prakat.agency.roles import Role
from prakat.schedule.models import JobRun
from prakat.survey.answers import record_response, visitor_key
from prakat.survey.models import SurveyRating, SurveyResponse, SurveyVisitorKey
from prakat.survey.results import summarise
from prakat.survey.retention import survey_comment_retention

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
ADDRESS = "203.0.113.7"
ALREADY = "ท่านได้ส่งแบบประเมินของวันนี้แล้ว ขอบคุณ"
ANSWER = {
    "current": "5",
    "findable": "4",
    "easy_to_use": "3",
    "design": "4",
    "overall": "5",
    "comment": "ข้อมูลครบถ้วนดีมาก",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()  # the per-minute counts live in the cache


def send(client, data=ANSWER, address=ADDRESS, user_agent=FIREFOX, **extra):
    return client.post(
        "/survey/", {**data, **extra}, REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent
    )


def visitor_request(address=ADDRESS, user_agent=FIREFOX):
    return RequestFactory().get("/survey/", REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent)


def table_row(page: str, aspect: str) -> list[str]:
    """The cells of one question's row in the results table, as a reader sees them."""
    row = re.search(rf'<tr data-aspect="{aspect}">(.*?)</tr>', page, re.S).group(1)
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row, re.S)
    ]


def test_answers_show_in_the_results_with_their_means_and_shares(client, built_site):
    overall = ["5", "5", "4", "2"]
    current = ["5", "4", "4", "3"]
    for n, (o, c) in enumerate(zip(overall, current, strict=True)):
        response = send(client, address=f"198.51.100.{n}", overall=o, current=c)
        assert response.status_code == 302 and response.url == "/survey/thanks/"
    assert "ขอบคุณที่ร่วมตอบแบบประเมิน" in client.get(response.url).content.decode()

    today = timezone.localdate()
    summary = summarise(today.replace(day=1), today)
    assert summary.responses == 4
    by_code = {a.code: a for a in summary.aspects}
    assert by_code["overall"].mean_text == "4.00"
    assert {s.level: s.percent_text for s in by_code["overall"].shares} == {
        5: "50.0",
        4: "25.0",
        3: "0.0",
        2: "25.0",
        1: "0.0",
    }
    assert by_code["current"].mean_text == "4.00"
    assert by_code["easy_to_use"].mean_text == "3.00"

    page = client.get("/survey/results/").content.decode()
    assert "ผู้ตอบแบบประเมิน 4 ราย" in page
    assert "ความพึงพอใจโดยรวม" in page and "มากที่สุด (5)" in page
    assert table_row(page, "overall") == [
        "ความพึงพอใจโดยรวม",
        "4.00",
        "50.0% (2)",
        "25.0% (1)",
        "0.0% (0)",
        "25.0% (1)",
        "0.0% (0)",
        "4",
    ]
    assert f"{today.year + 543}" in page  # the Buddhist-era year labels the period


def test_results_are_by_the_chosen_month_and_year(client, built_site):
    key = visitor_key(visitor_request(), datetime.date(2025, 3, 10))
    when = datetime.datetime(2025, 3, 10, 9, 0, tzinfo=datetime.UTC)
    record_response({"overall": 2, "current": 3}, "", key, now=when)
    march = client.get("/survey/results/", {"month": "3", "year": "2568"}).content.decode()
    assert "มีนาคม 2568" in march and "ผู้ตอบแบบประเมิน 1 ราย" in march
    assert table_row(march, "overall")[1:3] == ["2.00", "0.0% (0)"]
    assert table_row(march, "design")[1] == "–"  # nobody rated it
    year = client.get("/survey/results/", {"month": "", "year": "2568"}).content.decode()
    assert "ทั้งปี 2568" in year and "ผู้ตอบแบบประเมิน 1 ราย" in year
    april = client.get("/survey/results/", {"month": "4", "year": "2568"}).content.decode()
    assert "ยังไม่มีผู้ตอบแบบประเมินในช่วงเวลานี้" in april


def test_a_second_answer_the_same_day_is_refused_politely_and_not_stored(client, built_site):
    assert send(client).status_code == 302
    again = send(client, overall="1", comment="ส่งซ้ำ")
    assert again.status_code == 409
    assert ALREADY in again.content.decode()
    assert SurveyResponse.objects.count() == 1 and SurveyRating.objects.count() == 5
    assert not SurveyResponse.objects.filter(comment="ส่งซ้ำ").exists()
    # Coming back to the form says so at once, instead of a form that would be refused.
    page = client.get("/survey/", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=FIREFOX).content.decode()
    assert ALREADY in page and 'name="overall"' not in page
    # Another household behind another address may still answer.
    assert send(client, address="192.0.2.55").status_code == 302


def test_only_a_keyed_hash_of_the_visitor_is_kept_and_only_for_the_day(client, built_site):
    send(client)
    kept = SurveyVisitorKey.objects.get()
    assert kept.day == timezone.localdate()
    assert ADDRESS not in kept.key and len(kept.key) == 64
    assert kept.key != visitor_key(visitor_request(), kept.day + datetime.timedelta(days=1))
    assert "Set-Cookie" not in client.get("/survey/thanks/").headers


def test_the_next_day_the_same_visitor_may_answer_again(client, built_site):
    yesterday_noon = timezone.now() - datetime.timedelta(days=1)
    yesterday = timezone.localdate(yesterday_noon)
    record_response(
        {"overall": 4}, "", visitor_key(visitor_request(), yesterday), now=yesterday_noon
    )
    assert send(client).status_code == 302
    assert SurveyResponse.objects.count() == 2


def test_bad_answers_are_refused_in_thai_naming_the_rule_and_keep_what_was_typed(
    client, built_site
):
    long_comment = "ก" * 1001
    data = {**ANSWER, "current": "7", "comment": long_comment}
    del data["overall"]
    response = send(client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "โปรดเลือกระดับความพึงพอใจในหัวข้อ “ความพึงพอใจโดยรวม”: ทุกหัวข้อต้องตอบ" in page
    assert "ระดับความพึงพอใจในหัวข้อ “ข้อมูลเป็นปัจจุบัน” ต้องเป็นหนึ่งในห้าระดับ คือ 1 ถึง 5" in page
    assert "ความคิดเห็นยาวได้ไม่เกิน 1,000 ตัวอักษร ข้อความนี้มี 1,001 ตัวอักษร" in page
    assert re.search(r'<input type="radio" name="findable" value="4"[^>]* checked>', page)
    assert long_comment in page
    assert SurveyResponse.objects.count() == 0 and SurveyVisitorKey.objects.count() == 0


def test_a_filled_hidden_field_is_thanked_but_nothing_is_stored(client, built_site):
    response = send(client, website="http://cheap-pills.example")
    assert response.status_code == 302 and response.url == "/survey/thanks/"
    assert SurveyResponse.objects.count() == 0 and SurveyVisitorKey.objects.count() == 0
    assert send(client).status_code == 302  # the person at that address may still answer


def test_too_many_posts_a_minute_from_one_address_are_refused(client, built_site, settings):
    settings.SURVEY_POSTS_PER_MINUTE = 2
    for n in range(2):
        assert send(client, {}, user_agent=f"{FIREFOX} {n}").status_code == 200
    refused = send(client, user_agent="another browser")
    assert refused.status_code == 429
    assert "ส่งได้ไม่เกิน 2 ครั้งต่อนาที" in refused.content.decode()
    assert SurveyResponse.objects.count() == 0
    assert send(client, address="192.0.2.99").status_code == 302  # other addresses are not held


def test_the_retention_job_blanks_old_comments_and_deletes_old_keys(db):
    now = timezone.now()
    old = record_response({"overall": 5}, "เก่าแล้ว", "a" * 64, now=now - datetime.timedelta(400))
    recent = record_response({"overall": 4}, "ใหม่", "b" * 64, now=now - datetime.timedelta(10))
    today = record_response({"overall": 3}, "วันนี้", "c" * 64, now=now)

    survey_comment_retention()  # through the queue, as the worker runs it
    run = JobRun.objects.get(name="survey-comment-retention")
    assert run.summary == "comments blanked: 1, visitor keys deleted: 2"
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.comment == "" and old.ratings.get().level == 5  # the rating stays
    assert recent.comment == "ใหม่"
    assert list(SurveyVisitorKey.objects.values_list("key", flat=True)) == ["c" * 64]
    assert today.comment == "วันนี้"


def test_staff_download_the_same_rows_as_csv_and_xlsx(client, built_site, webmaster):
    send(client, comment='=HYPERLINK("http://example.com")')
    send(client, address="192.0.2.10", comment="")
    client.force_login(webmaster)
    today = timezone.localdate()
    query = {"start": today.replace(day=1).isoformat(), "end": today.isoformat()}
    as_csv = client.get("/admin/survey/", {**query, "format": "csv"})
    as_xlsx = client.get("/admin/survey/", {**query, "format": "xlsx"})
    assert as_csv.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    csv_rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    xlsx_rows = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    # The same rows, but for the comment that would start a formula: the CSV file quotes it,
    # the XLSX file keeps it as it was typed, in a text cell.
    assert [r[:7] for r in csv_rows] == [r[:7] for r in xlsx_rows]
    assert xlsx_rows[1][7] == '=HYPERLINK("http://example.com")'
    assert sheet.cell(2, 8).data_type == "s"
    assert csv_rows[0] == [
        "ลำดับ",
        "วันเวลาที่ส่ง",
        "ข้อมูลเป็นปัจจุบัน",
        "ค้นหาข้อมูลได้ง่าย",
        "ใช้งานง่าย",
        "การออกแบบและการนำเสนอ",
        "ความพึงพอใจโดยรวม",
        "ความคิดเห็น",
    ]
    assert len(csv_rows) == 3
    assert str(today.year + 543) in csv_rows[1][1]
    assert csv_rows[1][2:7] == ["5", "4", "3", "4", "5"]
    assert csv_rows[1][7] == '\'=HYPERLINK("http://example.com")'  # never run as a formula


@pytest.mark.parametrize("role", [Role.WEBMASTER, Role.EXECUTIVE, Role.AUDITOR])
def test_staff_see_the_results_screen(client, built_site, make_user, role):
    send(client)
    client.force_login(make_user("reader", role))
    page = client.get("/admin/survey/").content.decode()
    assert "ผลการประเมินความพึงพอใจ" in page
    assert table_row(page, "overall")[1:3] == ["5.00", "100.0% (1)"]


def test_requesters_are_refused_the_results_screen(client, built_site, make_user):
    client.force_login(make_user("asker", Role.REQUESTER))
    assert client.get("/admin/survey/").status_code == 403
    assert client.get("/admin/survey/", {"format": "csv"}).status_code == 403
