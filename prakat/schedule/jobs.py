"""How a Prakat job is declared: on a schedule, retried on failure, never twice at once."""

from __future__ import annotations

import functools
from collections.abc import Callable

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from prakat.schedule.records import record_summary

RETRIES = 2
RETRY_DELAY_SECONDS = 120


def scheduled_job(name: str, schedule: crontab) -> Callable:
    """Run the decorated function on ``schedule`` in the worker.

    A run that raises is retried twice, two minutes apart, and recorded (see ``records``); a
    run that finds the previous one still going is skipped, by a lock in the queue's storage
    that every worker shares.
    """

    def decorate(fn: Callable[[], str | None]) -> Callable:
        # Made once, here: the queue learns every job's lock when the jobs are declared, so a
        # worker started with --flush-locks clears those a killed worker left (a lock made
        # only when a run starts is unknown to a worker that has just started).
        lock = HUEY.lock_task(f"prakat-job-{name}")

        @functools.wraps(fn)
        def locked(task=None) -> str | None:
            with lock:
                summary = fn()
            if task is not None and summary:
                record_summary(task.id, summary)
            return summary

        job = db_periodic_task(
            schedule, name=name, retries=RETRIES, retry_delay=RETRY_DELAY_SECONDS, context=True
        )(locked)
        job.run_now = fn  # the plain function, for commands and tests
        return job

    return decorate
