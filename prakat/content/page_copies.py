"""Kept pages as files, for the web server in front of the app to give without asking it.

Python answers a kept page (``page_cache``) a couple of thousand times a second; nginx gives a
file from disk tens of thousands of times. With ``PRAKAT_PAGE_COPIES_DIR`` set (the deployment
guide sets it; off by default), every HTML page the page cache keeps is also written there as a
file, and nginx (deploy/nginx/prakat.conf) gives it to the next visitor who asks for that
address with no query, no session and no message waiting; anything else goes to the app.

The folder holds one folder of copies a site version and time slot, and ``current``, a link to
the one nginx reads. When the site's version moves on (any change the public may see) the link
is pointed at a new, empty folder in the same process, right after the commit: no visitor is
given a page older than the change. A scheduled job points it at a new folder when the slot
of ``PRAKAT_PAGE_CACHE_SECONDS`` has passed (the visitor counter in a copy is no older than
that and a minute) and removes the folders nobody reads any more.

nginx gives copies without the app, so it writes one line a view into ``views/``, a file every
``VIEW_FILE_SECONDS`` named by the Unix time (whatever the machine's time zone, nginx and the
app name a moment alike); the same job reads the files whose time has passed into the traffic
log and the visitor counter, and removes them. The folders live on the machine that serves:
on several web machines leave this off and share the page cache in Redis instead.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from huey import crontab
from wagtail.models import Page, Site

from prakat.content.signals import page_copies_viewed
from prakat.schedule.jobs import scheduled_job
from prakat.thai.dates import BANGKOK

logger = logging.getLogger(__name__)

CURRENT = "current"
VIEWS = "views"
PREFIX = "pages-"
# What nginx writes a line each view, tab-separated (deploy/nginx/prakat.conf, log_format
# prakat_page_copy): the order must stay the same on both sides.
VIEW_FIELDS = ("msec", "address", "port", "method", "url", "status", "bytes", "duration", "host")
USER_AGENT_FIELD = len(VIEW_FIELDS)  # the user agent comes last: it may hold anything
# nginx names each file of views by its Unix time without the last two digits (a map on
# $msec), so a file holds 100 seconds of views.
VIEW_FILE_SECONDS = 100
# Views announced at most this many at a time: a busy minute holds millions of lines.
VIEWS_A_BATCH = 10_000


def root() -> Path | None:
    folder = getattr(settings, "PAGE_COPIES_DIR", "")
    return Path(folder) if folder else None


def _slot() -> int:
    seconds = max(int(getattr(settings, "PAGE_CACHE_SECONDS", 300)), 1)
    return int(time.time()) // seconds


def _folder_name(version: int) -> str:
    return f"{PREFIX}{version}-{_slot()}"


def _read_by_nginx(folder: Path) -> bool:
    try:
        return os.readlink(folder.parent / CURRENT) == folder.name
    except OSError:
        return False


def point_current_at(version: int) -> Path | None:
    """Make the copies of ``version`` in this time slot the ones nginx reads; returns their
    folder (None when copies are off)."""
    base = root()
    if base is None:
        return None
    folder = base / _folder_name(version)
    if _read_by_nginx(folder):
        return folder
    link = base / CURRENT
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    # A new link put in place of the old in one step: nginx sees one or the other.
    staging = base / f".{CURRENT}-{os.getpid()}-{time.monotonic_ns()}"
    os.symlink(folder.name, staging)
    os.replace(staging, link)
    return folder


def _relative_file(request: HttpRequest) -> Path | None:
    """Where the copy of the page ``request`` asked for lives under a version's folder, as
    nginx looks for it (``$host$uri`` + ``index.html``), or None when it has no such place."""
    path = request.path
    if not path.endswith("/") or request.META.get("QUERY_STRING"):
        return None
    host = request.get_host().rsplit(":", 1)[0].lower()
    parts = [part for part in unquote(path).split("/") if part]
    if not host or any(part in (".", "..") or "\x00" in part for part in [host, *parts]):
        return None
    return Path(host, *parts, "index.html")


def keep(
    request: HttpRequest,
    version: int,
    content: bytes,
    content_type: str,
    still_current: Callable[[], bool],
) -> None:
    """Write the page the page cache kept, for nginx to give from now on, unless nginx has its
    copy already or the site has changed since the page was built (``still_current()``
    asks the database, so only when a copy is to be written). The link nginx follows moves
    only after that check: a page of an older version never points nginx back at it."""
    base = root()
    if base is None or not content_type.startswith("text/html"):
        return
    relative = _relative_file(request)
    if relative is None:
        return
    folder = base / _folder_name(version)
    target = folder / relative
    try:
        if (_read_by_nginx(folder) and target.exists()) or not still_current():
            return
        # Written where nginx now reads, should the time slot have turned meanwhile.
        target = point_current_at(version) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under another name first: nginx never gives half a page.
        handle, staging = tempfile.mkstemp(dir=target.parent, prefix=".copy-")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(staging, 0o644)
        os.replace(staging, target)
    except OSError:
        # A full disk or a folder taken away costs the copy, never the visitor's page.
        logger.exception("could not keep a copy of %s", request.path)


def version_moved(version: int) -> None:
    """The site changed: nginx gives no copy made before it."""
    if root() is None:
        return
    try:
        point_current_at(version)
    except OSError:
        logger.exception("could not start new page copies")


def renew(version: int) -> int:
    """Start the time slot's folder and remove the folders nobody reads any more (older than
    a minute, so a page nginx has just opened is given whole). Returns how many went."""
    base = root()
    if base is None:
        return 0
    current = point_current_at(version)
    now = time.time()
    removed = 0
    for folder in base.glob(f"{PREFIX}*"):
        if folder != current and now - folder.stat().st_mtime > 60:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def view_file_name(moment: datetime.datetime) -> str:
    """The file nginx writes the views of ``moment`` into."""
    return f"{int(moment.timestamp()) // VIEW_FILE_SECONDS}.log"


def ended_view_files(now: datetime.datetime | None = None) -> list[Path]:
    """nginx's files of views whose time has passed (nginx writes no more to them), oldest
    first; anything else in the folder is left alone."""
    base = root()
    if base is None or not (base / VIEWS).is_dir():
        return []
    under_way = int((now or timezone.now()).timestamp()) // VIEW_FILE_SECONDS
    ended = [p for p in (base / VIEWS).glob("*.log") if p.stem.isdigit()]
    return sorted((p for p in ended if int(p.stem) < under_way), key=lambda p: int(p.stem))


def parse_view(line: str) -> dict | None:
    """One line nginx wrote for a copy it gave, as the traffic log writes a request."""
    fields = line.rstrip("\n").split("\t")
    if len(fields) < len(VIEW_FIELDS) + 1:
        return None
    values = dict(zip(VIEW_FIELDS, fields, strict=False))
    user_agent = "\t".join(fields[USER_AGENT_FIELD:])
    try:
        started = datetime.datetime.fromtimestamp(float(values["msec"]), tz=datetime.UTC)
        duration = float(values["duration"])
        status, size = int(values["status"]), int(values["bytes"])
    except ValueError:
        return None
    return {
        "time": (started - datetime.timedelta(seconds=duration))
        .astimezone(BANGKOK)
        .isoformat(timespec="microseconds"),
        "address": values["address"],
        "port": values["port"],
        "proxy": "",
        "method": values["method"],
        "url": values["url"],
        "status": status,
        "bytes": size,
        "duration_ms": round(duration * 1000),
        "user_agent": "" if user_agent == "-" else user_agent,
        "user": "",
        "host": values["host"],
    }


def _page_finder():
    """The live page at a host's address, each address looked up once."""
    found: dict[tuple[str, str], int | None] = {}
    sites = {site.hostname: site for site in Site.objects.select_related("root_page")}
    default = next((s for s in sites.values() if s.is_default_site), None)

    def find(host: str, url: str) -> int | None:
        if (host, url) not in found:
            site = sites.get(host, default)
            page_id = None
            if site is not None:
                path = unquote(url.split("?", 1)[0]).lstrip("/")
                page_id = (
                    Page.objects.live()
                    .filter(url_path=site.root_page.url_path + path)
                    .values_list("pk", flat=True)
                    .first()
                )
            found[host, url] = page_id
        return found[host, url]

    return find


def _views(lines, find) -> list[tuple[int | None, dict]]:
    views = []
    for line in lines:
        entry = parse_view(line)
        if entry is not None:
            host = entry.pop("host")
            read = entry["status"] == 200 and entry["method"] == "GET"
            views.append((find(host, entry["url"]) if read else None, entry))
    return views


def count_views(now: datetime.datetime | None = None) -> int:
    """Announce the views nginx gave from copies in the files whose time has passed (the
    traffic log writes them, the visitor counter counts them), a batch at a time; each file
    is removed once announced. Returns how many views there were."""
    find = _page_finder()
    total = 0
    for path in ended_view_files(now):
        with path.open(encoding="utf-8", errors="replace") as lines:
            while batch := list(islice(lines, VIEWS_A_BATCH)):
                views = _views(batch, find)
                if views:
                    page_copies_viewed.send(sender=renew_page_copies, views=views)
                total += len(views)
        path.unlink()
    return total


@scheduled_job("page-copies", crontab(minute="*"))
def renew_page_copies() -> str | None:
    """A new folder of copies when the time slot has passed; the views nginx gave, counted."""
    if root() is None:
        return None
    # site_version imports this module (to point nginx at new copies when it moves on).
    from prakat.content import site_version

    removed = renew(site_version.current())
    views = count_views()
    return f"{views} views of page copies counted, {removed} old folders removed"
