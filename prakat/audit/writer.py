"""Writing the traffic log without making any page wait for it.

The request thread only puts a finished record on an in-memory queue
(``logging.handlers.QueueHandler``): no file is opened on the request path. One listener
thread per process (``QueueListener``) takes records off the queue and appends them to that
process's own spool file for the Bangkok day.

Several server processes (gunicorn workers, the dev server's threads, machines sharing the
folder) therefore never write to the same file: each has ``spool/<day>/<host>-<pid>-<token>
.jsonl`` and numbers its lines (``pseq``). The nightly sealing job merges every process's
file of a day in time order into one sealed segment (see ``sealing``).

What survives a stop, and the bound:

- each line is written and flushed to the operating system as soon as the listener takes it
  off the queue, so a killed process loses only what was still queued (normally nothing: the
  queue empties within microseconds of a response);
- lines are ``fsync``'d to disk every ``SYNC_LINES`` lines or ``SYNC_SECONDS`` seconds,
  whichever comes first, so a power cut loses at most one second or 50 lines of one process;
- on a normal exit (end of the server, SIGINT, SIGTERM) the listener drains the queue and
  syncs before the process ends.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import secrets
import signal
import socket
import sys
import threading
import time
from logging.handlers import QueueHandler, QueueListener
from pathlib import Path

from django.conf import settings

from prakat.audit import traffic

LOGGER_NAME = "prakat.traffic"
SYNC_LINES = 50
SYNC_SECONDS = 1.0


class SpoolHandler(logging.Handler):
    """Appends each record's traffic entry to this process's spool file of its day."""

    def __init__(self, directory: Path):
        super().__init__()
        self.directory = directory
        self.process = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"
        self.seq = 0
        self.day = ""
        self.file = None
        self.unsynced = 0
        self.last_sync = time.monotonic()
        self.writer_thread = ""

    def emit(self, record: logging.LogRecord) -> None:
        entry = dict(record.traffic)
        self.seq += 1
        entry["process"] = self.process
        entry["pseq"] = self.seq
        day = entry["time"][:10]  # the time is Bangkok wall-clock time: its date is the day
        if day != self.day:
            self._open(day)
        # Named before the line is out: whoever reads the line may ask who wrote it.
        self.writer_thread = threading.current_thread().name
        self.file.write(traffic.canonical(entry) + "\n")
        self.file.flush()
        self.unsynced += 1
        if self.unsynced >= SYNC_LINES or time.monotonic() - self.last_sync >= SYNC_SECONDS:
            self._sync()

    def _open(self, day: str) -> None:
        self._close_file()
        folder = self.directory / "spool" / day
        folder.mkdir(parents=True, exist_ok=True)
        self.file = (folder / f"{self.process}.jsonl").open("a", encoding="utf-8")
        self.day = day

    def _sync(self) -> None:
        if self.file is not None and self.unsynced:
            self.file.flush()
            os.fsync(self.file.fileno())
        self.unsynced = 0
        self.last_sync = time.monotonic()

    def sync(self) -> None:
        with self.lock:
            self._sync()

    def _close_file(self) -> None:
        if self.file is not None:
            self._sync()
            self.file.close()
            self.file = None

    def close(self) -> None:
        with self.lock:
            self._close_file()
        super().close()


class SyncingListener(QueueListener):
    """A listener that syncs the spool file when the queue has been quiet for a moment."""

    def dequeue(self, block: bool):
        while True:
            try:
                return self.queue.get(block, timeout=SYNC_SECONDS)
            except queue.Empty:
                for handler in self.handlers:
                    handler.sync()


class Writer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.pid = os.getpid()
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.spool = SpoolHandler(directory)
        self.listener = SyncingListener(self.queue, self.spool)
        self.listener.start()
        self.listener._thread.name = "prakat-traffic-writer"
        self.handler = QueueHandler(self.queue)

    def stop(self) -> None:
        """Write out everything queued, sync, close."""
        self.listener.stop()
        self.spool.close()


_lock = threading.Lock()
_writer: Writer | None = None


def current() -> Writer:
    """This process's writer for the configured folder (a forked process starts its own)."""
    global _writer
    directory = Path(settings.TRAFFIC_LOG_DIR)
    writer = _writer
    if writer is not None and writer.pid == os.getpid() and writer.directory == directory:
        return writer
    with _lock:
        if _writer is not None and _writer.pid == os.getpid() and _writer.directory != directory:
            _writer.stop()
        if _writer is None or _writer.pid != os.getpid() or _writer.directory != directory:
            _writer = Writer(directory)
            logger = logging.getLogger(LOGGER_NAME)
            logger.handlers = [_writer.handler]
            logger.setLevel(logging.INFO)
            logger.propagate = False
        return _writer


def record(entry: dict) -> None:
    """Queue one request's entry; returns at once."""
    current()
    logging.getLogger(LOGGER_NAME).info("request", extra={"traffic": entry})


def stop() -> None:
    global _writer
    with _lock:
        if _writer is not None and _writer.pid == os.getpid():
            _writer.stop()
        _writer = None


def install_exit_handlers() -> None:
    """Drain the queue when the process ends, also when it is told to stop with SIGTERM.

    SIGTERM normally ends Python without running exit handlers; where nobody else has claimed
    the signal (the embedded server), it is turned into an ordinary exit. Servers that handle
    it themselves (gunicorn, the job worker) exit normally and run the handlers anyway.
    """
    atexit.register(stop)
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:

        def exit_on_sigterm(signum, frame):
            sys.exit(128 + signum)

        signal.signal(signal.SIGTERM, exit_on_sigterm)
