"""The public's downloads centre: the published downloads by kind and year, found by the
words of their titles, descriptions and files; each downloaded through its own address,
which counts it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from prakat.content.downloads import Download, DownloadKind
from prakat.content.search import search_words
from prakat.content.views import clean_query

PER_PAGE = 50


def downloads(request: HttpRequest) -> TemplateResponse:
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    year = request.GET.get("year", "")
    shown = Download.objects.filter(live=True).select_related("document")
    for word in search_words(query):
        shown = shown.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(file_text__contains=word)
        )
    if kind in DownloadKind.values:
        shown = shown.filter(kind=kind)
    if year.isdigit():
        shown = shown.filter(year=int(year))
    years = (
        Download.objects.filter(live=True)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    page = Paginator(shown, PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "content/downloads.html",
        {
            "downloads": page,
            "search_query": query,
            "kinds": DownloadKind.choices,
            "kind": kind,
            "years": list(years),
            "year": year,
            "filtered": bool(query or kind or year),
        },
    )


def download(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """Count the download, then hand over its file (Wagtail's document address, which checks
    again that the public may read it)."""
    item = get_object_or_404(Download.objects.select_related("document"), pk=pk, live=True)
    # A plain update, not a save: a download is not a change of the site.
    Download.objects.filter(pk=item.pk).update(download_count=F("download_count") + 1)
    return HttpResponseRedirect(item.document.url)
