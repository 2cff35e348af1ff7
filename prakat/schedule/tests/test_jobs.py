"""Scheduled jobs: recorded when they run, reported when they fail, never twice at once."""

import logging

import pytest
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from prakat.compliance.expiry import expiry_job
from prakat.schedule.models import JobRun


@HUEY.task(name="prakat-test-broken-job")
def broken_job():
    raise RuntimeError("the file store is full")


def test_a_job_never_runs_twice_at_once(db):
    with HUEY.lock_task("prakat-job-take-down-expired"), pytest.raises(TaskLockedException):
        expiry_job.call_local()
    assert "taken down: 0" in expiry_job.call_local()  # free again once the first run ends


def test_a_scheduled_job_is_retried_and_recorded(db, built_site):
    assert expiry_job.retries == 2 and expiry_job.retry_delay == 120
    expiry_job()  # through the queue, as the worker runs it
    run = JobRun.objects.get(name="take-down-expired")
    assert run.status == JobRun.Status.SUCCEEDED and run.finished_at is not None
    assert run.summary == "taken down: 0, warned: 0"


def test_a_failed_job_is_recorded_and_logged(db, caplog):
    with caplog.at_level(logging.ERROR, logger="prakat.schedule"):
        broken_job()
    run = JobRun.objects.get(name="prakat-test-broken-job")
    assert run.status == JobRun.Status.FAILED
    assert "the file store is full" in run.error
    assert any("prakat-test-broken-job" in r.getMessage() for r in caplog.records)


def test_webmasters_see_each_jobs_last_run_and_requesters_do_not(
    client, built_site, webmaster, make_user
):
    from prakat.agency.roles import Role

    expiry_job()
    broken_job()
    client.force_login(webmaster)
    page = client.get("/admin/scheduled-jobs/").content.decode()
    assert "take-down-expired" in page and "taken down: 0, warned: 0" in page
    assert "prakat-test-broken-job" in page and "ไม่สำเร็จ" in page

    client.force_login(make_user("asker", Role.REQUESTER))
    refused = client.get("/admin/scheduled-jobs/")
    assert refused.status_code == 403
    assert "บทบาทที่มีสิทธิ์นี้: ผู้ดูแลระบบ, ผู้ดูแลเว็บไซต์, ผู้ตรวจประเมิน" in (refused.content.decode())


def test_job_runs_are_filtered_searched_and_dated_in_the_buddhist_era(
    client, built_site, webmaster
):
    import datetime
    import re

    from django.urls import reverse

    def run(name, day, status, summary="", error=""):
        started = datetime.datetime(2027, 1, day, 1, 0, tzinfo=datetime.UTC)
        return JobRun.objects.create(
            name=name, task_id=f"{name}-{day}", started_at=started, status=status,
            finished_at=started + datetime.timedelta(minutes=1), summary=summary, error=error,
        )  # fmt: skip

    run("take-down-expired", 1, JobRun.Status.SUCCEEDED, "taken down: 0, warned: 0")
    run("take-down-expired", 2, JobRun.Status.FAILED, error="the file store is full")
    run("seal-traffic-log", 3, JobRun.Status.SUCCEEDED, "sealed: 1")
    client.force_login(webmaster)

    def rows(**params) -> list[str]:
        html = client.get(reverse("job_runs:index_results"), params).content.decode()
        body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
        cells = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S) if body else []
        return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]

    assert [r.split()[0] for r in rows()] == [
        "seal-traffic-log", "take-down-expired", "take-down-expired"
    ]  # fmt: skip
    (failed,) = rows(status="failed")
    assert "2 มกราคม 2570, 8:00" in failed and "ไม่สำเร็จ" in failed and "2027" not in failed
    assert len(rows(name="take-down-expired")) == 2
    (found,) = rows(q="file store")
    assert "the file store is full" in found
    assert len(rows(started_at_from="02/01/2570", started_at_to="03/01/2570")) == 2
    # Above the runs, the latest of each job: one row a job.
    page = client.get(reverse("job_runs:index")).content.decode()
    latest = page.split("การทำงานครั้งล่าสุดของแต่ละงาน")[1].split("</table>")[0]
    assert latest.count("take-down-expired") == 1 and "the file store is full" in latest
    assert "taken down: 0" not in latest
