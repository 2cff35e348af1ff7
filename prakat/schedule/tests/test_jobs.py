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
