"""Pages of a category's items whose cost does not grow with the category.

Django's paginator counts every item on each request and reaches page *n* by skipping the
items before it, so the last page of a big category reads them all. Here the count and the
first item of every page (its publication time and id: the order the list is in) are read
once per site version; a page then starts at its first item, newest first, and reads only
its own items.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from prakat.content import site_version


class ItemPaginator(Paginator):
    """``items`` ordered by ``-first_published_at, -pk`` (as ``CategoryPage.items`` orders
    them); ``key`` names the list among what is kept per site version."""

    def __init__(self, items: QuerySet, per_page: int, key: tuple):
        super().__init__(items, per_page)
        count, starts = site_version.remembered(("item pages", *key, per_page), self._starts)
        self.count = count  # Paginator keeps its count in the instance
        self._page_starts = starts

    def _starts(self) -> tuple[int, list[tuple] | None]:
        # Read as a stream, keeping every page's first: a category of 100,000 items would
        # otherwise hold all their keys at once, and a worker keeps the memory it once took.
        count, starts = 0, []
        for published, pk in self.object_list.values_list("first_published_at", "pk").iterator(
            chunk_size=2000
        ):
            if published is None:
                # Databases sort an empty time differently: such a list is paged Django's way.
                return self.object_list.count(), None
            if count % self.per_page == 0:
                starts.append((published, pk))
            count += 1
        return count, starts

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if not self._page_starts:
            return super().page(number)
        published, pk = self._page_starts[number - 1]
        # One range on the publication time, the index's own order, less the ties after the
        # first item: written as "earlier, or as early with a smaller id", SQLite reads every
        # item of the category through two indexes and sorts them (0.4 s at 100,000 items).
        items = self.object_list.filter(first_published_at__lte=published).exclude(
            first_published_at=published, pk__gt=pk
        )
        return self._get_page(items[: self.per_page], number, self)
