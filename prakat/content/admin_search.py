"""The admin's page search: Wagtail's search screen on the site's own search
(``prakat.content.search``), under the access policy: another unit's never-published items are
not found, as they are not listed in the explorer."""

from __future__ import annotations

import time
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from modelsearch.utils import separate_filters_from_query
from wagtail.admin.views.pages.search import SearchView
from wagtail.models import Page
from wagtail.permissions import page_permission_policy

from prakat.content.access import hide_other_units_drafts
from prakat.content.search import SearchTookTooLong, find, server_timing


class PageSearchView(SearchView):
    timing = ""

    def get(self, request):
        response = super().get(request)
        if self.timing:
            response["Server-Timing"] = self.timing
        return response

    def get_queryset(self):
        # Wagtail's steps (who may explore which pages, the `live:` filter, the page type,
        # the order asked for), with the site's search in place of Wagtail's backend.
        self.search_more = self.search_timed_out = False
        filters, text = separate_filters_from_query(self.search_query or "")
        explorable = hide_other_units_drafts(
            page_permission_policy.explorable_instances(self.request.user), self.request.user
        )
        live = (filters.get("live") or filters.get("published") or "").lower()
        if live in ("yes", "true"):
            explorable = explorable.filter(live=True)
        elif live in ("no", "false"):
            explorable = explorable.filter(live=False)
        pages = explorable
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        listed = self.annotate_queryset(pages)
        if self.show_locale_labels:
            listed = listed.select_related("locale")
        if not text:
            # Nothing to search for: every page the person may explore, as Wagtail lists them.
            self.all_pages = explorable
            self.content_types = []
            return listed.order_by(self.ordering or "-latest_revision_created_at", "-pk")
        started = time.perf_counter()
        try:
            self.all_pages = find(text, explorable)
            found = self.all_pages
            if self.selected_content_type or self.ordering:
                found = find(text, pages, order_by=[self.ordering] if self.ordering else [])
        except SearchTookTooLong:
            self.timing = server_timing(started, stopped=True)
            self.search_timed_out = True
            self.all_pages = find("", explorable)
            self.content_types = []
            return find("", listed)
        self.timing = server_timing(started)
        self.search_more = self.all_pages.more
        counts = Counter(
            Page.objects.filter(pk__in=self.all_pages.ids).values_list("content_type", flat=True)
        )
        self.content_types = [
            (ContentType.objects.get_for_id(pk), count) for pk, count in counts.most_common()
        ]
        found.pages = listed
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            search_more=self.search_more,
            search_timed_out=self.search_timed_out,
            time_limit=settings.SEARCH_TIME_LIMIT,
            max_results=f"{self.all_pages.limit:,}" if self.search_more else "",
        )
        return context
