"""A site's outline: its home page and categories as every public page shows them.

The menu, the breadcrumbs and the links to particular categories are on every page; reading
them from the page tree costs queries on every request. The outline is read once per site
version (``prakat.content.site_version``) and kept in the process: any change to the site
reads it again, in every process, at the next request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import DisallowedHost
from django.db.models import Value
from wagtail.models import Page, Site

from prakat.content import site_version
from prakat.content.models import CategoryPage, GeneralPage, HomePage

STEPLEN = Page.steplen


@dataclass(frozen=True)
class Entry:
    """A home or category page, as links to it show it."""

    pk: int
    path: str
    depth: int
    title: str
    url: str
    checklist_key: str
    live: bool
    in_menu: bool
    general: bool = False  # a general page the webmaster wrote, not a checklist category


@dataclass(frozen=True)
class Outline:
    home: Entry | None
    by_path: dict[str, Entry]

    def menu(self) -> list[Entry]:
        """The main menu: the home page's live categories in the tree's order, where the
        checklist puts them (a webmaster cannot take one out), then the general pages the
        webmaster shows in menus, in the order given in the page explorer."""
        if self.home is None:
            return []
        top = [
            e
            for e in self.by_path.values()
            if e.depth == self.home.depth + 1 and e.live and e.in_menu
        ]
        return [e for e in top if not e.general] + [e for e in top if e.general]

    def ancestors(self, page: Page) -> list[Entry] | None:
        """The pages above ``page`` from the home page down, or None if one of them is not
        in the outline (a page type it does not hold) and the tree must be asked."""
        if self.home is None:
            return None
        found = []
        for depth in range(self.home.depth, page.depth):
            entry = self.by_path.get(page.path[: depth * STEPLEN])
            if entry is None:
                return None
            found.append(entry)
        return found

    def url_of(self, checklist_key: str) -> str:
        """The address of the live category that answers ``checklist_key``, or ""."""
        for entry in self.by_path.values():
            if entry.checklist_key == checklist_key and entry.live:
                return entry.url
        return ""


def _read(site: Site) -> Outline:
    root = site.root_page
    home = None
    if root is not None:
        specific = HomePage.objects.filter(pk=root.pk).first()
        if specific is not None:
            home = Entry(
                pk=specific.pk,
                path=specific.path,
                depth=specific.depth,
                title=specific.title,
                url=specific.get_url(current_site=site) or "/",
                checklist_key="",
                live=specific.live,
                in_menu=specific.show_in_menus,
            )
    by_path: dict[str, Entry] = {}
    if home is not None:
        by_path[home.path] = home
        root_url = home.url.rstrip("/")
        root_path_length = len(root.url_path)
        categories = (
            CategoryPage.objects.descendant_of(root)
            .public()
            .order_by("path")
            .values_list(
                "pk", "path", "depth", "title", "url_path", "checklist_key", "live", "show_in_menus"
            )
        )
        # General pages under the home page, which the menu may show after the categories.
        general = (
            GeneralPage.objects.child_of(specific)
            .public()
            .annotate(checklist_key=Value(""), general=Value(True))
            .order_by("path")
            .values_list(
                "pk", "path", "depth", "title", "url_path", "checklist_key", "live",
                "show_in_menus", "general",
            )
        )  # fmt: skip
        for pk, path, depth, title, url_path, key, live, in_menu, *general_page in [
            *categories,
            *general,
        ]:
            by_path[path] = Entry(
                pk=pk,
                path=path,
                depth=depth,
                title=title,
                url=f"{root_url}/{url_path[root_path_length:]}",
                checklist_key=key,
                live=live,
                in_menu=in_menu,
                general=bool(general_page),
            )
    return Outline(home=home, by_path=by_path)


def outline_for(site: Site | None) -> Outline:
    """The outline of ``site`` at the version the request sees."""
    if site is None:
        return Outline(home=None, by_path={})
    return site_version.remembered(("outline", site.pk), lambda: _read(site))


def find_site(request) -> Site | None:
    """The request's Wagtail site, found once per host and site version and kept on the
    request where Wagtail looks first (``Site.find_for_request``), with its home page."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        host, port = request.get_host(), request.get_port()
    except DisallowedHost:
        return Site.find_for_request(request)  # Wagtail answers as it always does

    def find() -> Site | None:
        site = Site._find_for_request(request)
        if site is not None:
            # Kept as its own type: Wagtail routes each request through the home page's
            # ``localized``, which the home page answers without a query.
            site.root_page = site.root_page.specific
        return site

    request._wagtail_site = site_version.remembered(("site", host, port), find)
    return request._wagtail_site
