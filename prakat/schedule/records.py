"""Writing down every run of a scheduled job, and telling someone when one fails.

A failure is logged at ERROR level (with Django's ``ADMINS`` set, an e-mail goes to them)
and shown on the scheduled jobs screen until a later run succeeds.
"""

from __future__ import annotations

import logging

from django.db import close_old_connections
from django.utils import timezone
from huey import signals as huey_signals
from huey.contrib.djhuey import HUEY

from prakat.schedule.models import JobRun

logger = logging.getLogger("prakat.schedule")

# Wagtail's small background jobs are many and routine: only their failures are kept.
QUIET = {"run_library_task"}


def _task_name(task) -> str:
    return getattr(task, "name", None) or type(task).__name__


@HUEY.signal(huey_signals.SIGNAL_EXECUTING)
def job_started(signal, task, exc=None) -> None:
    if _task_name(task) in QUIET:
        return
    if not HUEY.immediate:  # a worker thread: drop connections a long wait left stale
        close_old_connections()
    JobRun.objects.create(
        name=_task_name(task),
        task_id=task.id,
        started_at=timezone.now(),
        status=JobRun.Status.RUNNING,
    )


def _finish(task, status: str, *, summary: str = "", error: str = "") -> None:
    run = JobRun.objects.filter(task_id=task.id, finished_at__isnull=True).first()
    if run is None:
        run = JobRun(name=_task_name(task), task_id=task.id, started_at=timezone.now())
    run.status, run.error = status, error[:4000]
    run.summary = summary[:2000] or run.summary
    run.finished_at = timezone.now()
    run.save()


@HUEY.signal(huey_signals.SIGNAL_COMPLETE)
def job_succeeded(signal, task, exc=None) -> None:
    if _task_name(task) in QUIET:
        return
    _finish(task, JobRun.Status.SUCCEEDED)


@HUEY.signal(huey_signals.SIGNAL_ERROR)
def job_failed(signal, task, exc=None) -> None:
    status = JobRun.Status.RETRYING if task.retries else JobRun.Status.FAILED
    logger.error("Scheduled job %s failed: %r", _task_name(task), exc, exc_info=exc)
    _finish(task, status, error=repr(exc))


@HUEY.signal(huey_signals.SIGNAL_LOCKED)
def job_skipped(signal, task, exc=None) -> None:
    _finish(task, JobRun.Status.SKIPPED)


def record_summary(task_id: str, summary: str) -> None:
    """What a run did, in a sentence ("2 items taken down"), shown beside the run."""
    JobRun.objects.filter(task_id=task_id).update(summary=summary[:2000])
