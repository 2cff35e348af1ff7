"""A real worker process takes Wagtail's background work off the queue: SQLite and Redis.

``make run`` starts this worker beside the web server on the embedded SQLite queue; at scale
the queue is Redis. The work here is Wagtail's own (deleting a replaced file), handed over
through Django's task interface, so the test also shows that route works end to end.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage, SqliteStorage
from wagtail.tasks import delete_file_from_storage_task

from prakat.browser import free_port

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


@contextlib.contextmanager
def queue_on(storage):
    """This process enqueues onto ``storage`` instead of running jobs in-process."""
    HUEY.immediate = False
    HUEY.storage = storage
    try:
        yield
    finally:
        HUEY.immediate = True  # back to the in-process memory queue of the test suite


@contextlib.contextmanager
def worker(tmp_path: Path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    environment.pop("DATABASE_URL", None)
    environment.update(PRAKAT_VAR_DIR=str(tmp_path / "var"), **env)
    environment.pop("PRAKAT_JOBS_IMMEDIATE", None)
    process = subprocess.Popen(
        [sys.executable, MANAGE, "run_huey", "--no-periodic", "--workers", "1", "--delay", "0.1"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def replaced_file_is_deleted_by(tmp_path: Path, process) -> bool:
    files = FileSystemStorage(location=str(tmp_path / "media"))
    name = files.save("documents/old-version.pdf", ContentFile(b"%PDF-1.4 old"))
    delete_file_from_storage_task.enqueue(files.deconstruct(), name)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if not files.exists(name):
            return True
        time.sleep(0.2)
    return False


def test_the_embedded_worker_runs_queued_work_from_the_sqlite_queue(tmp_path, committed_site):
    (tmp_path / "var").mkdir()
    queue_file = tmp_path / "var" / "jobs.sqlite3"
    with queue_on(SqliteStorage("prakat", filename=str(queue_file))), worker(tmp_path) as process:
        deleted = replaced_file_is_deleted_by(tmp_path, process)
    assert deleted, process.stderr.read().decode(errors="replace")[-3000:]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    break
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_workers_at_scale_run_queued_work_from_redis(tmp_path, redis_url, committed_site):
    (tmp_path / "var").mkdir()
    with (
        queue_on(RedisStorage("prakat", url=redis_url)),
        worker(tmp_path, PRAKAT_REDIS_URL=redis_url) as process,
    ):
        deleted = replaced_file_is_deleted_by(tmp_path, process)
    assert deleted, process.stderr.read().decode(errors="replace")[-3000:]
