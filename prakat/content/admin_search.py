"""The admin's page search, under the access policy: another unit's never-published items
are not found, as they are not listed in the explorer."""

from __future__ import annotations

from wagtail.admin.views.pages.search import SearchView

from prakat.content.access import hide_other_units_drafts


class PageSearchView(SearchView):
    def annotate_queryset(self, pages):
        # Wagtail narrows the pages to those the person may explore, then annotates them,
        # then searches: this is the last step before the search where they can be narrowed.
        return super().annotate_queryset(hide_other_units_drafts(pages, self.request.user))
