"""The public page cache: a page built for one visitor is kept and given to the next.

A page is kept only when nothing in it can belong to one person: asked for by a visitor
without a session cookie or a message waiting, with no query but a page number, answered 200
with HTML, XML, a news or calendar feed, setting no cookie, using no CSRF token (a form's
token is the visitor's own), not private, not a preview, built for nobody signed in. It is
kept under the site version (``prakat.content.site_version``), so a change anywhere on the
site makes every kept page old at once, and for at most ``PRAKAT_PAGE_CACHE_SECONDS`` (the
visitor counter in the footer is at most that old). A page given from the cache is still
counted as a view and written in the traffic log: the middleware sits inside the traffic
log's and sends ``cached_page_served``.

The cache is Django's default: each web process's memory by default, Redis when configured,
shared by every process and machine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from prakat.content import outline, page_copies, site_version
from prakat.content.signals import cached_page_served

# Pages, the sitemap, the news feed and the calendar feed (phones poll it every few hours).
KEPT_TYPES = ("text/html", "application/xml", "text/xml", "application/rss+xml", "text/calendar")
# Paths never kept: files, the staff's screens and what is served per person.
NOT_KEPT = ("/admin/", "/django-admin/", "/documents/", "/images/", "/e-services/")
PAGE_ID = "_prakat_served_page"
HEADER = "X-Cache"


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def _key(request: HttpRequest) -> str | None:
    """The cache key of the page ``request`` asks for, or None when it must be built."""
    if request.method not in ("GET", "HEAD") or _seconds() <= 0:
        return None
    # A session, a message waiting to be shown or credentials: a page of this person's own.
    personal = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)
    if any(name in request.COOKIES for name in personal) or "Authorization" in request.headers:
        return None
    if request.path.startswith(NOT_KEPT):
        return None
    query = request.GET
    if any(name != "page" for name in query) or not all(v.isdigit() for v in query.values()):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # The address alone says the language (Thai, or English under /en/): a browser's own
    # preference changes nothing on the page, so it is no part of the key.
    raw = f"{host}|{request.get_full_path()}"
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"prakat:page:{site_version.current()}:{digest}"


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith(KEPT_TYPES):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with site_version.one_version():
            return self._respond(request)

    def _respond(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return self.get_response(request)  # files: no site, no database
        outline.find_site(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        kept = cache.get(key)
        if kept is not None:
            content, headers, page_id = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "HIT"
            # A kept page asked of the app again: nginx had no copy (a new time slot's folder
            # started empty), so it gets one now, not only when the kept page runs out.
            _copy_for_nginx(request, content, response.get("Content-Type", ""))
            if page_id is not None:
                cached_page_served.send(sender=type(self), page_id=page_id, request=request)
            return response
        response = self.get_response(request)
        if _keepable(request, response):
            headers = [(k, v) for k, v in response.items() if k != HEADER]
            page_id = getattr(request, PAGE_ID, None)
            cache.set(key, (response.content, headers, page_id), _seconds())
            _copy_for_nginx(request, response.content, response["Content-Type"])
            response[HEADER] = "MISS"
        return response


def _copy_for_nginx(request: HttpRequest, content: bytes, content_type: str) -> None:
    if page_copies.root() is None:
        return
    version = site_version.current()
    # A page built while the site changed shows the old version: no copy of it, as nginx
    # would give it under the new one.
    page_copies.keep(
        request, version, content, content_type,
        still_current=lambda: version == site_version.in_the_database(),
    )  # fmt: skip


def remember_the_page(page, request: HttpRequest) -> None:
    """The page a kept response shows, so a visit given from the cache is counted as its."""
    setattr(request, PAGE_ID, page.pk)
