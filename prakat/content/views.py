"""Public views that are not pages: search."""

import time
import unicodedata
from urllib.parse import quote_plus

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page, Site

from prakat.content.search import SearchTookTooLong, find, server_timing

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """The words a person typed, without characters no text holds (NUL and the other
    controls), at most ``MAX_QUERY_LENGTH`` characters."""
    kept = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw)
    return " ".join(kept.split())[:MAX_QUERY_LENGTH]


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "results": None,
        "page_query": f"q={quote_plus(query)}&",
    }
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().specific()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        started = time.perf_counter()
        try:
            found = find(query, pages)
        except SearchTookTooLong:
            context.update(stopped=True, time_limit=settings.SEARCH_TIME_LIMIT)
            # An answer, not a server error (which would be logged and mailed as one), that
            # no cache keeps: the same words may be answered in time later.
            response = TemplateResponse(request, "content/search.html", context)
            add_never_cache_headers(response)
            response["Server-Timing"] = server_timing(started, stopped=True)
            return response
        timing = server_timing(started)
        results = Paginator(found, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(results=results, more_results=found.more, max_results=f"{found.limit:,}")
        response = TemplateResponse(request, "content/search.html", context)
        response["Server-Timing"] = timing
        return response
    return TemplateResponse(request, "content/search.html", context)
