"""How the site is served: one command for `make run`, the browser tests and production."""

from __future__ import annotations

import os
import sys


def gunicorn_command(address: str, workers: int | None = None) -> list[str]:
    """gunicorn serving the site at ``address``: one worker process per core by default,
    static files from the app itself (WhiteNoise) through the whole middleware stack."""
    workers = workers or os.cpu_count() or 1
    return [
        sys.executable, "-m", "gunicorn", "prakat.wsgi:application",
        "--bind", address,
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", "4",
        # Reports and PDFs of a whole fiscal year take a while to build.
        "--timeout", "120",
        "--graceful-timeout", "30",
        # Recycle a worker now and then, so no slow growth of memory lasts. What a worker
        # keeps per site version is bounded; a new worker pays seconds of start and warm-up,
        # so not too often: at 5,000 a busy site renewed each worker every minute.
        "--max-requests", "20000",
        "--max-requests-jitter", "2000",
        # No control socket: its one default path per user would be taken over by every
        # other server of the machine (a second agency beside the first, the tests' servers).
        "--no-control-socket",
    ]  # fmt: skip
