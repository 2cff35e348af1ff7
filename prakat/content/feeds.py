"""The RSS feed of news (ข่าวประชาสัมพันธ์)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from prakat.agency.models import Agency
from prakat.content.models import CategoryPage, InformationItemPage

NEWS_KEY = "public-relations"
FEED_LENGTH = 30


class NewsFeed(Feed):
    """One instance serves every request, so nothing about a request is kept on it."""

    description = _("News and announcements")

    def get_object(self, request: HttpRequest, *args, **kwargs):
        site = Site.find_for_request(request)
        news = CategoryPage.objects.live().filter(checklist_key=NEWS_KEY)
        if site is not None:
            news = news.descendant_of(site.root_page)
        return news.first()

    def title(self, obj) -> str:
        site = obj.get_site() if obj else None
        name = Agency.for_site(site).name if site else ""
        return f"{_('News')} — {name}" if name else str(_("News"))

    def link(self, obj) -> str:
        return obj.url if obj else "/"

    def items(self, obj):
        if obj is None:
            return InformationItemPage.objects.none()
        return (
            InformationItemPage.objects.descendant_of(obj)
            .live()
            .public()
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item: InformationItemPage) -> str:
        return item.title

    def item_description(self, item: InformationItemPage) -> str:
        return item.search_description or item.title

    def item_link(self, item: InformationItemPage) -> str:
        return item.full_url

    def item_pubdate(self, item: InformationItemPage):
        return item.first_published_at
