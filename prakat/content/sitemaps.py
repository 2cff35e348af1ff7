"""The sitemap: an index (``/sitemap.xml``) of sitemap files of at most ``PAGES_PER_FILE``
pages each, so what one request builds stays the same size however many items the site
holds. The number of files is counted once per site version."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_index
from wagtail.models import Page, Site

from prakat.content import site_version
from prakat.content.english import english_home_of
from prakat.content.models import public

PAGES_PER_FILE = 1000


class PagesSitemap(Sitemap):
    limit = PAGES_PER_FILE

    def pages(self):
        root = self.get_wagtail_site().root_page
        return public(root.get_descendants(inclusive=True).live())

    def items(self):
        return self.pages().order_by("path").defer_streamfields().specific()

    @property
    def paginator(self) -> Paginator:
        pages = Paginator(self._items(), self.limit)
        site = self.get_wagtail_site()
        # Paginator keeps its count in the instance; it is counted once a version instead.
        pages.count = site_version.remembered(("sitemap count", site.pk), self.pages().count)
        return pages

    def get_latest_lastmod(self):
        """The index's date: the latest publication, asked of the database once a version
        (Django's default reads every page of the site to find it)."""
        site = self.get_wagtail_site()
        return site_version.remembered(
            ("sitemap lastmod", site.pk),
            lambda: self.pages().aggregate(latest=Max("last_published_at"))["latest"],
        )


class ServicesSitemap(DjangoSitemap):
    """The public's services that are views, not pages: the calendar, the clinics'
    schedules, the downloads centre."""

    def items(self) -> list[str]:
        return ["calendar", "clinic_schedules", "downloads"]

    def location(self, item: str) -> str:
        return reverse(item)


class EnglishSitemap(Sitemap):
    """The English pages, once their home is live (``prakat.content.english``)."""

    def items(self):
        english = english_home_of(self.get_wagtail_site().root_page)
        if english is None:
            return Page.objects.none()
        pages = english.get_descendants(inclusive=True).live()
        return public(pages).order_by("path").defer_streamfields().specific()


SITEMAPS = {"pages": PagesSitemap, "services": ServicesSitemap, "english": EnglishSitemap}


def index(request: HttpRequest, **kwargs) -> HttpResponse:
    """Wagtail's sitemap index, drawn once a site version for each site and address: it lists
    one line a file, so at 100,000 pages it is a hundred lines drawn for every robot's visit,
    and it changes only when the site does."""
    site = Site.find_for_request(request)

    def draw() -> tuple[bytes, dict[str, str]]:
        response = wagtail_index(request, **kwargs)
        response.render()
        return response.content, dict(response.headers)

    key = (site.pk if site else None, request.scheme, request.get_host())
    content, headers = site_version.remembered_in("sitemap index", key, draw, limit=50)
    return HttpResponse(content, headers=headers)
