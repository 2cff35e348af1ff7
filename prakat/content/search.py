"""The site's search: the public search page and the admin's page search.

What a query finds. Each word of the query (what stands between spaces, or a phrase in
double quotes) must occur in a page's title or text as it was typed: inside longer words too
(จัดซื้อ in จัดซื้อจัดจ้าง, แผนที่ in แผนที่ตั้ง, whatever a word segmenter would make of
them), and with its letters together (แผนปฏิบัติ never finds a page that has แผน and ปฏิบัติ
apart). Text and query are put in one normal form first (``normal_form``: Thai spelling
variants, zero-width characters, case and spacing).

Order. Pages whose title holds every word, then the other pages, newest first within each;
categories with nothing published in them come last, so an item is never below an empty
category.

Bounds. At most ``MAX_RESULTS`` results are listed, and the page says when there are more. A
search stops after ``settings.SEARCH_TIME_LIMIT`` seconds (SQLite's progress handler,
PostgreSQL's statement timeout) with ``SearchTookTooLong``, which the views turn into a Thai
message: no query can hold a web worker longer.

How. ``SearchEntry`` keeps each page's title and text; the database indexes them by their
three-character sequences (PostgreSQL: pg_trgm GIN indexes; SQLite: FTS5 with the trigram
tokenizer), so a word of three or more characters is found from the index, and a query walks
the matches newest first and stops after ``MAX_RESULTS``: a word on every page costs no more
than a rare one. Shorter words are checked on the rows the other words found (alone, they are
looked for row by row, within the time limit).

Why not Wagtail's database search backend, which Wagtail's own screens (choosers, documents)
still use: it ranks every match before it returns any (its SQLite query recomputes the rank
in a subquery for each matching row: minutes for a common word at 10,000 items; on
PostgreSQL it matches the title and body concatenated, which no index serves, so time grows
with the site), and its index holds words, so a phrase or a word the segmenter cut in two is
found only as separate words anywhere in the page.

Indexing. A page is (re)indexed in the background, by the job worker, after every save
(``page_saved``); the job ``update-search-index`` also indexes, every ten minutes, any page
whose entry is missing or older than its last change. While the worker is down the index
falls behind: a page published meanwhile is not found until the worker runs its queued job,
an edited page is found by its old text, while pages taken down or deleted are never found
(the query asks the page itself whether it is live and public; a deleted page's entry goes
with it).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import strip_tags
from django_tasks import task
from huey import crontab
from wagtail.models import Page
from wagtail.search import index

from prakat.content.models import BodyTrigrams, CategoryPage, SearchEntry, TitleTrigrams
from prakat.schedule.jobs import scheduled_job
from prakat.thai.text import normal_form

MAX_RESULTS = 1000
MAX_WORDS = 8
# The index holds three-character sequences: a shorter word cannot be looked up in it.
INDEXED_LENGTH = 3
# SQLite asks the progress handler whether to stop every this many virtual-machine steps.
PROGRESS_STEPS = 1000
# Search fields that repeat the others in another form, for Wagtail's own index only.
DERIVED_FIELDS = {"search_terms"}
INDEX_BATCH = 500


class SearchTookTooLong(Exception):
    """A search ran past ``settings.SEARCH_TIME_LIMIT`` and was stopped."""


# --- text ----------------------------------------------------------------------------------


def search_words(query: str) -> list[str]:
    """The words of a query, each to be found as typed: what stands between spaces, or a
    phrase in double quotes."""
    words: list[str] = []
    for number, part in enumerate(query.split('"')):
        text = normal_form(part)
        if text:
            words.extend([text] if number % 2 else text.split())
    return list(dict.fromkeys(words))[:MAX_WORDS]


def page_text(page: Page) -> tuple[str, str]:
    """A page's title and its whole searched text (title included): the search fields the
    page type declares for Wagtail, as plain text."""
    parts = [
        _plain(field.get_value(page))
        for field in page.get_search_fields()
        if isinstance(field, index.SearchField) and field.field_name not in DERIVED_FIELDS
    ]
    return normal_form(page.title), normal_form(" ".join(parts))


def _plain(value) -> str:
    """A search field's value as text (rich text comes as a list of its paragraphs)."""
    if isinstance(value, list | tuple):
        return " ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return _plain(list(value.values()))
    return strip_tags(str(value)) if value else ""


# --- indexing --------------------------------------------------------------------------------


def index_pages(page_ids: Iterable[int]) -> int:
    """(Re)index the pages with these ids; ids of pages gone are skipped. Returns how many
    were indexed."""
    ids = list(page_ids)
    now = timezone.now()
    entries = [
        SearchEntry(page_id=page.pk, title=title, body=body, indexed_at=now)
        for page in Page.objects.filter(pk__in=ids).specific()
        for title, body in [page_text(page)]
    ]
    with transaction.atomic():
        # Deleted and inserted, not updated in place: on SQLite the triggers that keep the
        # full-text tables in step are simplest so, and an upsert is no cheaper.
        SearchEntry.objects.filter(page_id__in=[e.page_id for e in entries]).delete()
        SearchEntry.objects.bulk_create(entries)
    return len(entries)


def stale_pages() -> QuerySet:
    """Pages with no entry, or changed since their entry was made."""
    return Page.objects.filter(
        Q(search_entry__isnull=True)
        | Q(latest_revision_created_at__gt=F("search_entry__indexed_at"))
        | Q(last_published_at__gt=F("search_entry__indexed_at"))
    ).exclude(depth=1)


def index_stale_pages(*, everything: bool = False) -> int:
    """Index the stale pages (or every page), a batch at a time; returns how many."""
    pages = Page.objects.exclude(depth=1) if everything else stale_pages()
    done, after = 0, 0
    while True:
        batch = list(
            pages.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:INDEX_BATCH]
        )
        if not batch:
            return done
        done += index_pages(batch)
        after = batch[-1]


def tidy_index() -> None:
    """After many pages were indexed at once: the database's statistics brought up to date
    (PostgreSQL), the full-text tables' segments merged (SQLite)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM also marks the rows visible, so the index of titles is read without
            # them; it cannot run inside a transaction.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{command} {SearchEntry._meta.db_table}")
        elif connection.vendor == "sqlite":
            for table in (TitleTrigrams, BodyTrigrams):
                name = table._meta.db_table
                cursor.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")


@task()
def index_pages_task(page_ids: list[int]) -> None:
    index_pages(page_ids)


@scheduled_job("update-search-index", crontab(minute="*/10"))
def update_search_index() -> str:
    """What the queued jobs missed: pages added in bulk, jobs lost with a Redis queue."""
    return f"{index_stale_pages()} page(s) indexed"


def page_saved(sender, instance, raw=False, **kwargs) -> None:
    """Queue the page for indexing by the job worker (once the save has committed)."""
    if not raw:
        index_pages_task.enqueue([instance.pk])


# --- the query -------------------------------------------------------------------------------


class Found(Sequence):
    """The pages a search found, in order, at most ``MAX_RESULTS``; Django's paginator reads
    it as it reads a queryset. ``pages`` is the queryset the results are fetched from (with
    its annotations), a page of results at a time."""

    def __init__(self, ids: list[int], more: bool, pages: QuerySet) -> None:
        self.ids, self.more, self.pages = ids, more, pages
        self.limit = MAX_RESULTS

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        chosen = self.ids[index]
        by_id = {page.pk: page for page in self.pages.filter(pk__in=chosen)}
        return FoundPages(by_id[pk] for pk in chosen if pk in by_id)


class FoundPages(list):
    """One page of results. Wagtail's admin template shows the page types with their counts
    when its results say they can be counted so."""

    supports_facet = True


def find(query: str, pages: QuerySet, *, order_by: Sequence[str] = ()) -> Found:
    """The pages of ``pages`` that hold every word of ``query``, in the search's order (or by
    ``order_by``, among the first ``MAX_RESULTS``). Raises ``SearchTookTooLong``."""
    words = search_words(query)
    if not words:
        return Found([], False, pages)
    with time_limit(settings.SEARCH_TIME_LIMIT) as within:
        allowed = Exists(pages.filter(pk=OuterRef("pk")))
        within()
        empty = list(empty_categories())
        ids: list[int] = []
        walks = [
            lambda: _walk("title", words).filter(allowed).exclude(pk__in=empty),
            lambda: _walk("body", words).filter(allowed).exclude(pk__in=empty)
            .exclude(_title_holds(words)),
            # Few: their text is read row by row rather than asked of the index for each.
            lambda: SearchEntry.objects.filter(_holds("body", words), allowed, pk__in=empty),
        ]  # fmt: skip
        for walk in walks:
            if len(ids) > MAX_RESULTS:
                break
            within()
            ids += walk().order_by("-pk").values_list("pk", flat=True)[: MAX_RESULTS + 1 - len(ids)]
        more, ids = len(ids) > MAX_RESULTS, ids[:MAX_RESULTS]
        if order_by and ids:
            within()
            ids = list(
                pages.filter(pk__in=ids).order_by(*order_by, "-pk").values_list("pk", flat=True)
            )
    return Found(ids, more, pages)


def empty_categories() -> QuerySet:
    """Ids of the categories with no live page in them."""
    low, high = Page._get_children_path_interval("")
    first_live_child = Page.objects.filter(
        live=True,
        depth=OuterRef("depth") + 1,
        path__range=(Concat(OuterRef("path"), Value(low)), Concat(OuterRef("path"), Value(high))),
    ).values("pk")[:1]
    # A subquery asked category by category (each a short look-up in the index of paths),
    # unordered so the database starts from the categories; written as NOT EXISTS, PostgreSQL
    # would compare each category with every page one level below it.
    return (
        CategoryPage.objects.order_by()
        .annotate(first_live_child=Subquery(first_live_child))
        .filter(first_live_child__isnull=True)
        .values_list("pk", flat=True)
    )


def _short(words: list[str]) -> list[str]:
    return [w for w in words if len(w) < INDEXED_LENGTH]


def _indexed(words: list[str]) -> list[str]:
    return [w for w in words if len(w) >= INDEXED_LENGTH]


def _holds(column: str, words: list[str]) -> Q:
    """On ``SearchEntry``: ``column`` holds every word (PostgreSQL finds them by index)."""
    return Q(*(Q(**{f"{column}__contains": w}) for w in words))


def _fts_match(table, words: list[str]) -> RawSQL:
    """SQLite: ``table`` (an FTS5 trigram table) holds every word, each as one phrase."""
    phrases = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
    name = table._meta.db_table
    return RawSQL(f"{name} MATCH %s", [phrases], output_field=BooleanField())  # noqa: S611


def _walk(column: str, words: list[str]) -> QuerySet:
    """The pages whose ``column`` holds every word, as a queryset whose primary key is the
    page's id and whose order by it the index can follow (and stop early)."""
    indexed = _indexed(words)
    if connection.vendor != "sqlite" or not indexed:
        return SearchEntry.objects.filter(_holds(column, words))
    table = TitleTrigrams if column == "title" else BodyTrigrams
    found = table.objects.filter(_fts_match(table, indexed))
    if short := _short(words):
        found = found.filter(
            Exists(SearchEntry.objects.filter(_holds(column, short), pk=OuterRef("pk")))
        )
    return found


def _title_holds(words: list[str]) -> Q:
    """For a ``_walk("body", …)``: the page's title holds every word."""
    indexed = _indexed(words)
    if connection.vendor != "sqlite" or not indexed:
        return _holds("title", words)
    # SQLite asks the title index once for all its matches (titles are short, the list is
    # quick to make); asking it row by row would repeat the whole match for each row.
    condition = Q(pk__in=TitleTrigrams.objects.filter(_fts_match(TitleTrigrams, indexed)))
    if short := _short(words):
        condition &= Exists(SearchEntry.objects.filter(_holds("title", short), pk=OuterRef("pk")))
    return condition


def server_timing(started: float, *, stopped: bool = False) -> str:
    """A ``Server-Timing`` header value giving the search's own time since ``started`` (a
    ``time.perf_counter()``), apart from the page around it; ``stopped``: at its limit."""
    milliseconds = (time.perf_counter() - started) * 1000
    description = 'desc="stopped";' if stopped else ""
    return f"search;{description}dur={milliseconds:.1f}"


# --- the time limit --------------------------------------------------------------------------


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator:
    """Run the block's queries for at most ``seconds`` in all, then raise
    ``SearchTookTooLong``. Yields a function to call before each query: it raises once the
    time is up and, on PostgreSQL, gives the next statement what time is left."""
    deadline = time.monotonic() + seconds
    connection.ensure_connection()

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SearchTookTooLong
        return remaining

    try:
        if connection.vendor == "sqlite":
            handle = connection.connection
            handle.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
            try:
                yield left
            finally:
                handle.set_progress_handler(None, 0)
        elif connection.vendor == "postgresql":
            outermost = not connection.in_atomic_block
            with transaction.atomic(), connection.cursor() as cursor:
                # Settings for this transaction only (its end, or a rollback, takes them
                # back). A search is a few short statements: one core each, no parallel
                # workers to start and gather.
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), "
                    "set_config('statement_timeout', %s, true), "
                    "set_config('max_parallel_workers_per_gather', '0', true)",
                    [_milliseconds(seconds)],
                )
                (before, _, _) = cursor.fetchone()
                slack = seconds / 10

                def within() -> None:
                    # Each statement may run for the time set; set it again to what is
                    # left once that would overrun the limit by more than a tenth.
                    remaining = left()
                    if remaining < seconds - slack:
                        cursor.execute(
                            "SELECT set_config('statement_timeout', %s, true)",
                            [_milliseconds(remaining)],
                        )

                yield within
                if not outermost:
                    cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])
        else:
            yield left
    except OperationalError as error:
        if _stopped(error):
            raise SearchTookTooLong from error
        raise


def _milliseconds(seconds: float) -> str:
    return f"{max(1, int(seconds * 1000))}ms"


def _stopped(error: OperationalError) -> bool:
    cause = error.__cause__
    return getattr(cause, "sqlite_errorname", "") == "SQLITE_INTERRUPT" or (
        getattr(cause, "sqlstate", "") == "57014"  # PostgreSQL's query_canceled
    )
