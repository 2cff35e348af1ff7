"""Public views that are not pages: search."""

import unicodedata
from urllib.parse import quote_plus

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Page, Site

from prakat.thai.segmentation import query_terms

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """The words a person typed, without what a search engine would read as its own syntax.

    SQLite's full-text engine fails on a stray double quote, and no database accepts NUL;
    neither carries meaning in a basic search.
    """
    kept = "".join(" " if ch == '"' or unicodedata.category(ch)[0] == "C" else ch for ch in raw)
    return " ".join(kept.split())[:MAX_QUERY_LENGTH]


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public().specific()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        paginator = Paginator(pages.search(query_terms(query), operator="and"), RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(
        request,
        "content/search.html",
        {"search_query": query, "results": results, "page_query": f"q={quote_plus(query)}&"},
    )
