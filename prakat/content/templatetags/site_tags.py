"""Template tags of the public site: the agency, navigation, breadcrumbs, metadata.

What every page shows (the agency's name and contact details, the menu, the breadcrumbs) is
read from the site's outline and kept per site version (``prakat.content.outline``), not
queried again for each page.
"""

from collections.abc import Callable

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page, Site

from prakat.agency.identity import identity_of
from prakat.agency.models import Agency
from prakat.content import site_version
from prakat.content.english import english_version, is_english
from prakat.content.menus import FooterMenu
from prakat.content.outline import outline_for
from prakat.content.share_card import share_card

register = template.Library()


def _site(context) -> Site | None:
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def agency_for_request(context) -> Agency | None:
    """The agency of the request's site, read once per site version; templates only read it."""
    site = _site(context)
    if site is None:
        return None
    return site_version.agency_of(site)


@register.simple_tag(takes_context=True)
def in_mourning(context) -> bool:
    """Is the site in its period of mourning now (the agency's identity settings)?"""
    site = _site(context)
    if site is None:
        return False
    identity = site_version.remembered(("identity", site.pk), lambda: identity_of(site))
    return identity.in_mourning(timezone.now())


@register.simple_tag(takes_context=True)
def site_menu(context) -> list:
    """The categories of the main menu: title and address of each."""
    return outline_for(_site(context)).menu()


def _drawn_once_a_version(
    context, name: str, section: str, fresh: dict, more: Callable[[Site], dict] | None = None
) -> str:
    """The part ``name`` of every public page, drawn once a site version for each site,
    language and section (what it varies with), unless ``fresh`` holds what one request
    typed (then drawn for it alone). A period of mourning begins and ends by the clock, not
    by a change of the site: it is part of what the part varies with."""
    site = _site(context)
    mourning = in_mourning(context)

    def draw() -> str:
        english = english_version(site)
        shown = {
            "agency": agency_for_request(context),
            "identity": identity_of(site) if site is not None else None,
            "categories": outline_for(site).menu(),
            "english": english,
            "current_path": section,
            "mourning": mourning,
            **fresh,
        }
        if more is not None and site is not None:
            shown.update(more(site))
        # The English pages have their own menu and the agency's English name; anything else
        # asked for under /en/ (its error pages) is drawn as in Thai, in English words.
        in_english = is_english() and english is not None
        return render_to_string(f"content/includes/{name}{'_en' if in_english else ''}.html", shown)

    # Without a request (the error page of a failed database) there is no site to keep for.
    if site is None or any(fresh.values()):
        return draw()
    key = ("drawn", name, site.pk, get_language(), section, mourning)
    return site_version.remembered(key, draw)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The agency's name, the search box and the main menu (its section marked)."""
    current = context.get("page")
    section = current.path[:12] if isinstance(current, Page) else ""
    return _drawn_once_a_version(
        context, "site_header", section, {"search_query": context.get("search_query") or ""}
    )


@register.simple_tag(takes_context=True)
def site_footer(context) -> str:
    """The agency's address and the links every page ends with."""
    return _drawn_once_a_version(context, "site_footer", "", {}, more=_footer_links)


def _footer_links(site: Site) -> dict:
    # Read, never written: a page that wrote the setting's row would move the version.
    menu = FooterMenu.objects.filter(site=site).first()
    return {"footer_links": menu.links if menu is not None else []}


# Fragments kept per site version in each process, at most (a page's article is a few
# kilobytes).
FRAGMENTS_KEPT = 1_000


@register.simple_tag(takes_context=True)
def page_head(context) -> str:
    """The site's icon and colour and the page's share card (Open Graph), drawn once a site
    version for each page (its absolute URLs name the site's own address)."""
    request = context.get("request")
    site = _site(context)
    if request is None or site is None:
        return ""
    page = context.get("page")
    page = page if isinstance(page, Page) else None

    def draw() -> str:
        return render_to_string(
            "content/includes/page_head.html",
            share_card(request, identity_of(site), page, agency_for_request(context)),
        )

    if getattr(request, "is_preview", False):
        return draw()
    key = (
        "page head",
        site.pk,
        get_language(),
        # Without a page nothing in the head depends on the address: one entry for all.
        page.pk if page is not None else None,
    )
    return site_version.remembered_in("kept fragments", key, draw, limit=FRAGMENTS_KEPT)


class KeptFragment(template.Node):
    def __init__(self, nodelist: template.NodeList, vary: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.vary = vary

    def render(self, context) -> str:
        request = context.get("request")
        site = _site(context)
        # A preview draws a draft: never kept, never given to anyone else.
        if site is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = (site.pk, get_language(), *(part.resolve(context) for part in self.vary))
        return site_version.remembered_in(
            "kept fragments", key, lambda: self.nodelist.render(context), limit=FRAGMENTS_KEPT
        )


@register.tag
def kept(parser, token) -> KeptFragment:
    """``{% kept "name" page.pk %}…{% endkept %}``: what is inside, drawn once a site version
    for each site, language and the values named (all it may vary with), except in previews."""
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptFragment(nodelist, vary)


@register.inclusion_tag("content/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page: Page) -> dict:
    if page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = outline_for(_site(context)).ancestors(page)
    if ancestors is None:  # above it is a page the outline does not hold: ask the tree
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"ancestors": ancestors, "page": page}
