"""Pages of a category's items whose cost does not grow with the category.

Django's paginator counts every item on each request and reaches page *n* by skipping the
items before it, so the last page of a big category reads them all. Here the count and the
first item of every page (its publication time and id: the order the list is in) are read
once per site version; a page then starts at its first item, newest first, and reads only
its own items.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

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
        keys = list(self.object_list.values_list("first_published_at", "pk"))
        if any(published is None for published, _ in keys):
            # Databases sort an empty time differently: such a list is paged Django's way.
            return len(keys), None
        return len(keys), keys[:: self.per_page]

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if not self._page_starts:
            return super().page(number)
        published, pk = self._page_starts[number - 1]
        items = self.object_list.filter(
            Q(first_published_at__lt=published) | Q(first_published_at=published, pk__lte=pk)
        )
        return self._get_page(items[: self.per_page], number, self)
