"""Wagtail's background work (Django's task interface) on the scheduled jobs' queue.

Wagtail hands small jobs (updating the reference index, deleting replaced files) to Django's
task interface. Here they join the same queue and worker as Prakat's own scheduled jobs, so a
slow file store never holds up an editor's save. They are queued when the transaction that
asked for them commits: a worker must see the row it is told about.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from huey.contrib.djhuey import HUEY, task


@task(retries=2, retry_delay=30)
def run_library_task(module_path: str, args: list, kwargs: dict[str, Any]) -> None:
    import_string(module_path).call(*args, **kwargs)


class QueueBackend(BaseTaskBackend):
    supports_priority = True  # accepted and ignored: the queue is first in, first out

    def enqueue(self, task: Task, args: list, kwargs: dict[str, Any]) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        path = task.module_path
        if HUEY.immediate:
            # In-process mode (tests, a one-off command): run here, once the transaction that
            # asked commits, as a worker would see it. A failure is the caller's to see.
            transaction.on_commit(
                lambda: run_library_task.call_local(path, list(args), dict(kwargs))
            )
        else:
            transaction.on_commit(
                lambda: run_library_task(path, list(args), dict(kwargs)), robust=True
            )
        return result
