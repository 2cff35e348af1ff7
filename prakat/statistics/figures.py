"""Visitor statistics from the daily page-view rows: totals, by day, by item, category, unit."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Page

from prakat.content.models import CategoryPage, InformationItemPage
from prakat.statistics.models import PageView

TOTALS_CACHE_SECONDS = 60
STEPLEN = Page.steplen


@dataclass(frozen=True)
class Totals:
    today: int
    month: int
    year: int
    total: int


def _sum(**filters) -> int:
    return PageView.objects.filter(**filters).aggregate(n=Sum("views"))["n"] or 0


def totals(today: datetime.date | None = None, *, fresh: bool = False) -> Totals:
    """Views today, this month, this (calendar) year and ever; kept a minute in the cache."""
    today = today or timezone.localdate()
    key = f"prakat:visitor-totals:{today.isoformat()}"
    found = None if fresh else cache.get(key)
    if found is None:
        found = Totals(
            today=_sum(day=today),
            month=_sum(day__gte=today.replace(day=1), day__lte=today),
            year=_sum(day__gte=today.replace(month=1, day=1), day__lte=today),
            total=_sum(),
        )
        cache.set(key, found, TOTALS_CACHE_SECONDS)
    return found


def daily(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, int]]:
    """Each day from ``start`` to ``end``, with its views (zero when none)."""
    rows = dict(
        PageView.objects.filter(day__gte=start, day__lte=end)
        .values_list("day")
        .annotate(n=Sum("views"))
        .values_list("day", "n")
    )
    days = (end - start).days + 1
    return [(d, rows.get(d, 0)) for d in (start + datetime.timedelta(n) for n in range(days))]


def views_by_page(start: datetime.date, end: datetime.date) -> dict[int, int]:
    return dict(
        PageView.objects.filter(day__gte=start, day__lte=end)
        .values("page_id")
        .annotate(n=Sum("views"))
        .values_list("page_id", "n")
    )


def most_read(start: datetime.date, end: datetime.date, limit: int = 10) -> list[tuple]:
    """The live, public items read most in the range: (item, views), most first."""
    counts = views_by_page(start, end)
    items = InformationItemPage.objects.live().public().filter(pk__in=counts)
    ranked = sorted(items, key=lambda item: (-counts[item.pk], item.title))
    return [(item, counts[item.pk]) for item in ranked[:limit]]


def by_category(start: datetime.date, end: datetime.date) -> list[tuple[str, int]]:
    """Views of each top-level category, its sub-categories and items, most first."""
    counts = views_by_page(start, end)
    pages = Page.objects.filter(pk__in=counts).values_list("pk", "path")
    categories = dict(CategoryPage.objects.values_list("path", "title"))
    tops = {
        path: title
        for path, title in categories.items()
        if path[: len(path) - STEPLEN] not in categories
    }
    result: dict[str, int] = {}
    for pk, path in pages:
        for top_path, title in tops.items():
            if path.startswith(top_path):
                result[title] = result.get(title, 0) + counts[pk]
                break
    return sorted(result.items(), key=lambda row: (-row[1], row[0]))


def by_unit(start: datetime.date, end: datetime.date) -> list[tuple[str, int]]:
    """Views of the items of each owner unit, most first."""
    counts = views_by_page(start, end)
    result: dict[str, int] = {}
    items = InformationItemPage.objects.filter(pk__in=counts).select_related("owner_unit")
    for item in items:
        name = item.owner_unit.name
        result[name] = result.get(name, 0) + counts[item.pk]
    return sorted(result.items(), key=lambda row: (-row[1], row[0]))
