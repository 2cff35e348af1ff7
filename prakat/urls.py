import mimetypes
import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents.views.serve import authenticate_with_password
from wagtail.documents.views.serve import serve as serve_document

from prakat.content.admin_search import PageSearchView
from prakat.content.download_views import download, downloads
from prakat.content.feeds import NewsFeed
from prakat.content.images import serve_rendition
from prakat.content.sitemaps import SITEMAPS
from prakat.content.sitemaps import index as sitemap_index
from prakat.content.theme import theme_css
from prakat.content.timetable_views import calendar, calendar_feed, clinic_schedules
from prakat.content.views import search
from prakat.publishing.guideline import guideline
from prakat.security.privacy import privacy_notice
from prakat.thai.buddhist_era import christian_era

urlpatterns = [
    # Wagtail's page search, narrowed to the access policy (before Wagtail's own URLs).
    path("admin/pages/search/", require_admin_access(PageSearchView.as_view())),
    path(
        "admin/pages/search/results/",
        require_admin_access(PageSearchView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own document view: its ``before_serve_document`` hook asks the access policy
    # (content.wagtail_hooks); browsers keep a copy only until they ask again (ETag), so a
    # file taken down stops being shown at once.
    path(
        "documents/<int:document_id>/<path:document_filename>",
        cache_control(private=True, no_cache=True)(serve_document),
        name="wagtaildocs_serve",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("images/<path:name>", serve_rendition, name="image_rendition"),
    path("theme.css", theme_css, name="theme_css"),
    path("search/", search, name="search"),
    path("calendar/", calendar, name="calendar"),
    path("calendar.ics", calendar_feed, name="calendar_feed"),
    path("clinics/", clinic_schedules, name="clinic_schedules"),
    path("downloads/", downloads, name="downloads"),
    path("downloads/<int:pk>/", download, name="download"),
    path("publishing-guideline/", guideline, name="publishing_guideline"),
    path("survey/", include("prakat.survey.urls")),
    path("privacy/", privacy_notice, name="privacy_notice"),
    path("information-centre/", include("prakat.compliance.public_urls")),
    path("e-services/", include("prakat.eservices.urls")),
    path(
        "sitemap.xml",
        christian_era(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_file"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        christian_era(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_file",
    ),
    path("feeds/news/", NewsFeed(), name="news_feed"),
]


def serve_avatar(request, name: str):
    # A file straight inside the avatars' folder, nothing else: "avatar_images/../…" would
    # otherwise reach the rest of the media folder (original images). Read through the
    # storage, so a bucket serves as the folder does.
    stored = f"avatar_images/{name}"
    if name in (".", "..") or "\x00" in name or not default_storage.exists(stored):
        raise Http404
    return FileResponse(default_storage.open(stored), content_type=_avatar_type(name))


def _avatar_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


if settings.SERVE_MEDIA:
    # Of the media folder only staff avatars have a URL. Documents and images never come
    # from it.
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}avatar_images/(?P<name>[^/]+)$",
            serve_avatar,
        )
    ]

# Thai pages at their own addresses, the English version's under /en/ (prakat.content.english).
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

# Django's own 400 page is bare English and cannot say that a body was too large.
handler400 = "prakat.errors.bad_request"
