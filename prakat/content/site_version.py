"""The site version: what keys every cached public page and everything kept per version.

Any saved or deleted row may show on a public page (a title, a unit's name, a document's
size, the agency's phone number, a setting added next year), so every change gives the site
a new version, except the rows that are written all the time and never shown to the public:
logs, sessions, counters, revisions, requests on their way. Forgetting to list a busy model
here costs speed, never correctness: a cached page can be too new to keep, never too old to
show.

The version lives in the database, not the cache: the embedded install's cache belongs to
each web process, and a change made through one process must reach the others at once. It
moves on once the change is committed (``move_on``); and it is a random number, never a
counter, so two installs or two test runs never share one by chance.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Hashable
from contextlib import AbstractContextManager
from typing import TypeVar

from django.db import connection, transaction
from wagtail.models import PageViewRestriction, Site

from prakat.agency.models import Agency
from prakat.content import page_copies, request_scope
from prakat.content.models import SiteVersion

T = TypeVar("T")

# Written all the time and never shown to the public (app label, or app label and model).
UNSEEN = {
    "sessions",
    "admin",
    "axes",
    "otp_totp",
    "otp_static",
    "audit",
    # Counted views, flushed every half minute; the public's figures (the footer's counter,
    # the statistics page) may be as old as a kept page may (PRAKAT_PAGE_CACHE_SECONDS).
    "statistics",
    "schedule",
    "backup",
    "security",
    "wagtailsearch",
    "wagtailusers",
    "wagtailadmin",
    ("auth", "user"),
    ("content", "siteversion"),
    # The search's own copy of each page's text, written by the job worker after a change
    # that has already moved the version on.
    ("content", "searchentry"),
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "referenceindex"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "uploadedfile"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailimages", "rendition"),
    # Wagtail's record of each embedded address, written when a block is checked: pages
    # draw their frames from the address itself (prakat.content.embeds).
    "wagtailembeds",
}

# Set while migrations run: rows they save come before this app's table may exist.
_migrating = threading.Event()


def seen_by_the_public(model) -> bool:
    meta = model._meta
    return meta.app_label not in UNSEEN and (meta.app_label, meta.model_name) not in UNSEEN


def one_version() -> AbstractContextManager[None]:
    """While a request runs: it reads the version once and sees that one from start to end."""
    return request_scope.one_request()


def current() -> int:
    """The version now (within a request, the one it read first)."""
    kept = request_scope.kept()
    if kept and "number" in kept:
        return kept["number"]
    number = in_the_database()
    if kept is not None:
        kept["number"] = number
    return number


def in_the_database() -> int:
    """The version as committed now, whatever a running request read at its start."""
    # Read on every request, cached page or not: one plain statement, without the query
    # building that would cost many times the read itself.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {SiteVersion._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def _new_version() -> None:
    number = secrets.randbits(62)
    if not SiteVersion.objects.filter(pk=1).update(number=number):
        SiteVersion.objects.update_or_create(pk=1, defaults={"number": number})
    kept = request_scope.kept()
    if kept is not None:
        kept.pop("number", None)  # the request that made the change sees it
    page_copies.version_moved(number)
    if page_copies.root() is not None and (latest := in_the_database()) != number:
        # Another process moved it on meanwhile and may have pointed nginx first: the link
        # must end at the newest version, never at this older one.
        page_copies.version_moved(latest)


def move_on() -> None:
    """Give the site a new version once the change being made is committed.

    After the commit, not inside the change's transaction: holding the version's row until
    then would make every two transactions that change the site queue on it, and deadlock
    when they also wait on each other's rows. A request that reads the old version after the
    commit may keep a new page under it, which nobody asks for again; one that reads the new
    version reads committed rows. Many rows saved in one transaction give one new version.
    """
    if _migrating.is_set():
        return
    if connection.in_atomic_block and not at_once.is_set():
        # Django keeps the open transaction's callbacks in this list and empties it on
        # rollback; it offers no other way to ask whether one is already waiting.
        if not any(entry[1] is _new_version for entry in connection.run_on_commit):
            transaction.on_commit(_new_version)
        return
    _new_version()


# Set by tests whose changes are rolled back, never committed: the version moves with each
# change, inside their transaction, so what they read next is built again.
at_once = threading.Event()


# --- what is kept per version, in this process ------------------------------------------

_lock = threading.Lock()
_memory: dict[tuple, tuple[int, object]] = {}
MAX_REMEMBERED = 256


def remembered(key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, read again only when the site version has changed since."""
    version = current()
    with _lock:
        kept = _memory.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]  # type: ignore[return-value]
    value = compute()
    with _lock:
        if len(_memory) >= MAX_REMEMBERED:  # e.g. hosts made up by a client: start again
            _memory.clear()
        _memory[key] = (version, value)
    return value


def agency_of(site: Site) -> Agency:
    """The agency of ``site``, read once a site version; what is read from it is not saved."""
    return remembered(("agency", site.pk), lambda: Agency.for_site(site))


def table(name: Hashable) -> dict:
    """A table kept for the current site version in this process: empty again once the version
    moves on. For what is kept by the thousand (addresses, drawn lines), which would crowd the
    few hundred entries ``remembered`` holds."""
    return remembered(("table", name), dict)


def remembered_in(name: Hashable, key: Hashable, compute: Callable[[], T], *, limit: int) -> T:
    """``compute()`` for ``key``, kept in the version's table ``name`` while the table holds
    fewer than ``limit`` entries (beyond, computed each time). None is never kept: what is not
    there yet may be made."""
    kept = table(name)
    value = kept.get(key)
    if value is None:
        value = compute()
        if value is not None and len(kept) < limit:
            kept[key] = value
    return value


def forget() -> None:
    """Drop what this process keeps (tests whose rows were changed without signals)."""
    with _lock:
        _memory.clear()


def any_view_restrictions() -> bool:
    """Whether any page of the install is private (Wagtail's view restrictions): a public
    site has none, and checking every page's ancestors for them costs two queries a page."""
    return remembered(("view restrictions",), PageViewRestriction.objects.exists)


# --- what moves the version on ------------------------------------------------------------


def row_changed(sender, **kwargs) -> None:
    if seen_by_the_public(sender):
        move_on()


def related_rows_changed(sender, action: str, model, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and seen_by_the_public(model):
        move_on()


def page_changed(sender, **kwargs) -> None:
    """Publishing, taking down and moving change rows in bulk, without each row's signal."""
    move_on()


def migrations_begin(sender, **kwargs) -> None:
    _migrating.set()


def migrations_done(sender, **kwargs) -> None:
    """A new release (templates, code) is installed by migrating: pages built by the old
    one go."""
    _migrating.clear()
    if sender.label == "content":
        move_on()


def connect() -> None:
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_migrate,
        post_save,
        pre_migrate,
    )
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(row_changed, dispatch_uid="prakat_site_version_save")
    post_delete.connect(row_changed, dispatch_uid="prakat_site_version_delete")
    m2m_changed.connect(related_rows_changed, dispatch_uid="prakat_site_version_m2m")
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(page_changed, dispatch_uid=f"prakat_site_version_{name}")
    pre_migrate.connect(migrations_begin, dispatch_uid="prakat_site_version_pre_migrate")
    post_migrate.connect(migrations_done, dispatch_uid="prakat_site_version_migrate")
