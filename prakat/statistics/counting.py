"""Counting page views without cookies, without third-party scripts, off the request path.

A view of a public page adds one to a counter in this process's memory; nothing is written
while the page is served. After a response has gone out, at most every
``PRAKAT_VIEWS_FLUSH_SECONDS`` (and when the process exits), the counts are added to the
day's row of each page in one transaction. Several server processes each add their own
counts, so the totals stay right. Nothing identifies the reader: no cookie, no address kept.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import datetime
import logging
import re
import threading
import time

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from prakat.statistics.models import PageView

# Crawlers, link previews, monitors and scripted clients: not readers.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"headless|phantom|python|curl|wget|httpclient|java/|go-http|okhttp|libwww|scrapy",
    re.IGNORECASE,
)

logger = logging.getLogger(__name__)
_lock = threading.Lock()
_pending: collections.Counter[tuple[int, datetime.date]] = collections.Counter()
_last_flush = time.monotonic()


def count_cached_view(sender, page_id: int, request, **kwargs) -> None:
    """A page given from the public page cache is a view like any other."""
    count_view(page_id, request.headers.get("User-Agent", ""))


def count_copy_views(sender, views, **kwargs) -> None:
    """Views the web server gave from page copies (content/page_copies.py), counted on the
    day each was given and written at once: the job that reads them has no response to
    wait for."""
    for page_id, entry in views:
        if page_id is not None:
            when = datetime.datetime.fromisoformat(entry["time"])
            count_view(page_id, entry["user_agent"], when)
    flush()


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def count_view(page_id: int, user_agent: str, when: datetime.datetime | None = None) -> bool:
    """Remember one view of a page; return whether it counted (bots do not)."""
    if is_bot(user_agent):
        return False
    day = timezone.localdate(when)
    with _lock:
        _pending[(page_id, day)] += 1
    return True


def pending_views() -> int:
    with _lock:
        return sum(_pending.values())


def flush() -> int:
    """Add the remembered counts to the database; return how many views were written."""
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    existing = set(
        Page.objects.filter(pk__in={page_id for page_id, _ in batch}).values_list("pk", flat=True)
    )
    batch = {key: n for key, n in batch.items() if key[0] in existing}  # pages since deleted
    try:
        with transaction.atomic():
            for (page_id, day), views in batch.items():
                updated = PageView.objects.filter(page_id=page_id, day=day).update(
                    views=F("views") + views
                )
                if not updated:
                    PageView.objects.create(page_id=page_id, day=day, views=views)
    except Exception:
        with _lock:  # keep the counts for the next try rather than lose them
            _pending.update(batch)
        raise
    return sum(batch.values())


def flush_when_due(**kwargs) -> None:
    """After a response has gone out: write the counts if enough time has passed."""
    if time.monotonic() - _last_flush >= settings.VIEWS_FLUSH_SECONDS and _pending:
        try:
            flush()
        except DatabaseError:
            # The counts are kept for the next flush; the reader has their page already.
            logger.exception("Could not write page views")


@atexit.register
def _flush_at_exit() -> None:
    # The database may already be gone at exit; there is no one left to tell.
    if _pending:
        with contextlib.suppress(Exception):
            flush()
