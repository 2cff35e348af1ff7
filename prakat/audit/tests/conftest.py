import datetime
import json
import logging
import time

import pytest

from prakat.audit import traffic, writer


@pytest.fixture
def traffic_dir(settings):
    return settings.TRAFFIC_LOG_DIR


def spool_lines(timeout: float = 5.0, count: int = 1) -> list[dict]:
    """The spool's lines once at least ``count`` are there (the writer is another thread)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [
            json.loads(line)
            for path in sorted(traffic.spool_dir().rglob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
        if len(lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.02)


def spool_day(day: datetime.date, times: list[str], url_prefix: str = "/page") -> None:
    """Lines of ``day`` as one server process writes them (``times`` are HH:MM:SS)."""
    handler = writer.SpoolHandler(traffic.root())
    for index, clock in enumerate(times):
        entry = {
            "time": f"{day.isoformat()}T{clock}.000000+07:00",
            "address": "203.0.113.5",
            "port": str(40000 + index),
            "proxy": "",
            "method": "GET",
            "url": f"{url_prefix}-{clock}",
            "status": 200,
            "bytes": 1234,
            "user_agent": "Mozilla/5.0",
            "user": "",
            "duration_ms": 3,
        }
        handler.handle(logging.makeLogRecord({"traffic": entry}))
    handler.close()


@pytest.fixture(autouse=True)
def _writer_stopped_after():
    yield
    writer.stop()


# The publishing tests' people and request, for the approval entries.
from prakat.publishing.tests.conftest import news, people, submitted  # noqa: E402, F401
