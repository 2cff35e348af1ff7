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
