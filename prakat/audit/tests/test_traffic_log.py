"""The computer traffic log: every request written off the request path, kept across a stop,
sealed per day with a hash chain that names the first break."""

import contextlib
import datetime
import io
import json
import logging
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from logging.handlers import QueueHandler

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import translation

from prakat.audit import traffic, writer
from prakat.audit.models import SealedSegment
from prakat.audit.sealing import seal_pending
from prakat.audit.tests.conftest import spool_day, spool_lines
from prakat.audit.verification import verify
from prakat.serving import gunicorn_command

pytestmark = pytest.mark.database_neutral

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
TODAY = datetime.date(2026, 3, 10)
DAY1, DAY2, DAY3 = (datetime.date(2026, 3, d) for d in (7, 8, 9))


def test_a_request_is_logged_with_every_field(client, webmaster):
    client.force_login(webmaster)
    response = client.get(
        "/search/",
        {"q": "ประกาศ"},
        HTTP_USER_AGENT=FIREFOX,
        REMOTE_ADDR="203.0.113.9",
        REMOTE_PORT="51515",
    )
    (line,) = spool_lines()
    assert line["time"].endswith("+07:00")
    assert datetime.datetime.fromisoformat(line["time"]).utcoffset() == datetime.timedelta(hours=7)
    assert (line["address"], line["port"]) == ("203.0.113.9", "51515")
    assert line["method"] == "GET"
    assert line["url"] == "/search/?q=%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8"
    assert line["status"] == response.status_code == 200
    assert line["bytes"] == len(response.content)
    assert line["user_agent"] == FIREFOX
    assert line["user"] == "webmaster"


def test_the_request_only_queues_the_line_and_another_thread_writes_it(client, built_site):
    client.get("/", HTTP_USER_AGENT=FIREFOX)
    spool_lines()
    # By design: the request thread's only handler is an in-memory queue; the file is written
    # by the listener thread.
    handlers = logging.getLogger(writer.LOGGER_NAME).handlers
    assert len(handlers) == 1 and isinstance(handlers[0], QueueHandler)
    assert writer.current().spool.writer_thread == "prakat-traffic-writer"
    assert threading.current_thread().name != "prakat-traffic-writer"


def test_the_proxy_header_counts_only_when_configured(client, built_site, settings):
    client.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.20")
    settings.TRAFFIC_LOG_PROXY_HEADER = "X-Forwarded-For"
    client.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.20")
    first, second = spool_lines(count=2)
    assert (first["address"], first["proxy"]) == ("10.0.0.2", "")
    # The last entry is the one our proxy added; what a client sent before it is not trusted.
    assert (second["address"], second["proxy"]) == ("198.51.100.20", "10.0.0.2")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lines_survive_the_server_being_stopped(tmp_path):
    """The server ``make run`` serves with (two gunicorn workers) answers pages and static
    files and is terminated; every request is on disk, static files with their headers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        PRAKAT_VAR_DIR=str(tmp_path / "var"),
        PRAKAT_TRAFFIC_LOG_DIR=str(tmp_path / "traffic"),
        DJANGO_SETTINGS_MODULE="prakat.settings",
    )
    env.pop("DATABASE_URL", None)
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        gunicorn_command(f"127.0.0.1:{port}", workers=2),
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        for n in range(20):
            # A fresh install has no site yet: an error page is still a request to log.
            with contextlib.suppress(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/?n={n}", timeout=10)
        static = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/admin.css?s=1")
        headers = static.headers
        assert static.status == 200
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in headers["Content-Security-Policy"]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        log.close()
    lines = [
        json.loads(line)
        for path in (tmp_path / "traffic" / "spool").rglob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    urls = sorted(line["url"] for line in lines if line["url"].startswith("/admin/login/"))
    assert urls == sorted(f"/admin/login/?n={n}" for n in range(20))
    assert [line["status"] for line in lines if line["url"] == "/static/css/admin.css?s=1"] == [200]
    assert all(line["port"] and line["address"] == "127.0.0.1" for line in lines)


# --- sealing and verification ---------------------------------------------------------------


@pytest.fixture
def three_days(db, traffic_dir):
    spool_day(DAY1, ["08:00:00", "09:00:00"])
    spool_day(DAY2, ["08:00:00", "08:30:00", "10:00:00", "11:00:00"])
    spool_day(DAY2, ["08:15:00", "09:45:00"], url_prefix="/other")  # a second process
    spool_day(DAY3, ["07:00:00"])
    return seal_pending(TODAY)


def verify_command() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_traffic_log", stdout=out, stderr=err)
        return 0, out.getvalue()
    except SystemExit as exit_:
        return exit_.code, err.getvalue()


def segment_lines(day: datetime.date) -> list[str]:
    return traffic.segment_path(day).read_text(encoding="utf-8").splitlines(keepends=True)


def write_lines(day: datetime.date, lines: list[str]) -> None:
    traffic.segment_path(day).write_text("".join(lines), encoding="utf-8")


def test_sealed_days_verify_intact_with_processes_merged_in_time_order(three_days):
    assert [s.lines for s in three_days] == [2, 6, 1]
    urls = [e["url"] for e in traffic.segment_entries(DAY2)]
    assert urls == [
        "/page-08:00:00", "/other-08:15:00", "/page-08:30:00",
        "/other-09:45:00", "/page-10:00:00", "/page-11:00:00",
    ]  # fmt: skip
    assert [e["seq"] for e in traffic.segment_entries(DAY2)] == [1, 2, 3, 4, 5, 6]
    assert not (traffic.spool_dir() / DAY2.isoformat()).exists()
    code, message = verify_command()
    assert code == 0
    assert "ครบถ้วน" in message and "9" in message


def test_sealing_again_changes_nothing(three_days):
    before = {d: traffic.seal_path(d).read_text() for d in (DAY1, DAY2, DAY3)}
    assert [s.seal for s in seal_pending(TODAY)] == []
    assert {d: traffic.seal_path(d).read_text() for d in (DAY1, DAY2, DAY3)} == before
    assert SealedSegment.objects.count() == 3


def test_a_day_without_requests_is_sealed_empty_so_the_chain_has_no_gap(db, traffic_dir):
    spool_day(DAY1, ["08:00:00"])
    spool_day(DAY3, ["08:00:00"])
    sealed = seal_pending(TODAY)
    assert [(s.day, s.lines) for s in sealed] == [(DAY1, 1), (DAY2, 0), (DAY3, 1)]
    assert verify().intact


def test_an_altered_line_is_named(three_days):
    lines = segment_lines(DAY2)
    lines[2] = lines[2].replace("203.0.113.5", "203.0.113.6")
    write_lines(DAY2, lines)
    report = verify()
    assert (report.problem.kind, report.problem.day, report.problem.line) == ("altered", DAY2, 3)
    code, message = verify_command()
    assert code == 1
    assert message.strip() == "บรรทัดที่ 3 ของข้อมูลจราจรวันที่ 8 มีนาคม 2569 ถูกแก้ไข"


def test_a_deleted_line_is_named(three_days):
    lines = segment_lines(DAY2)
    del lines[3]
    write_lines(DAY2, lines)
    problem = verify().problem
    assert (problem.kind, problem.day, problem.line) == ("missing", DAY2, 4)
    code, message = verify_command()
    assert code == 1 and "บรรทัดที่ 4" in message and "หายไป" in message


def test_a_deleted_last_line_is_named(three_days):
    write_lines(DAY2, segment_lines(DAY2)[:-1])
    problem = verify().problem
    assert (problem.kind, problem.line) == ("missing", 6)


def test_two_swapped_lines_are_named_as_out_of_order(three_days):
    lines = segment_lines(DAY2)
    lines[1], lines[2] = lines[2], lines[1]
    write_lines(DAY2, lines)
    problem = verify().problem
    assert (problem.kind, problem.day, problem.line) == ("reordered", DAY2, 2)
    code, message = verify_command()
    assert code == 1 and "บรรทัดที่ 2" in message and "ลำดับ" in message


def test_a_removed_day_is_named(three_days):
    traffic.segment_path(DAY2).unlink()
    traffic.seal_path(DAY2).unlink()
    problem = verify().problem
    assert (problem.kind, problem.day) == ("segment-missing", DAY2)
    code, message = verify_command()
    assert code == 1 and "8 มีนาคม 2569" in message and "หายไป" in message


def test_a_removed_last_day_is_named_from_the_seals_kept_in_the_database(three_days):
    traffic.segment_path(DAY3).unlink()
    traffic.seal_path(DAY3).unlink()
    problem = verify().problem
    assert (problem.kind, problem.day) == ("segment-missing", DAY3)


def test_a_rewritten_seal_is_caught(three_days):
    seal = json.loads(traffic.seal_path(DAY1).read_text())
    seal["lines"] = 1
    traffic.seal_path(DAY1).write_text(json.dumps(seal))
    assert verify().problem.kind == "seal-altered"


def test_messages_are_thai_whatever_the_active_language(three_days):
    write_lines(DAY1, segment_lines(DAY1)[1:])
    with translation.override("en"):
        code, message = verify_command()
    assert code == 1 and "บรรทัดที่ 1" in message
