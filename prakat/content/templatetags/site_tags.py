"""Template tags of the public site: the agency, navigation, breadcrumbs, metadata.

What every page shows (the agency's name and contact details, the menu, the breadcrumbs) is
read from the site's outline and kept per site version (``prakat.content.outline``), not
queried again for each page.
"""

from django import template
from wagtail.models import Page, Site

from prakat.agency.models import Agency
from prakat.content import site_version
from prakat.content.outline import outline_for

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
    return site_version.remembered(("agency", site.pk), lambda: Agency.for_site(site))


@register.simple_tag(takes_context=True)
def site_menu(context) -> list:
    """The categories of the main menu: title and address of each."""
    return outline_for(_site(context)).menu()


@register.inclusion_tag("content/includes/navigation.html", takes_context=True)
def site_navigation(context) -> dict:
    current = context.get("page")
    return {
        "categories": outline_for(_site(context)).menu(),
        "current_path": current.path if isinstance(current, Page) else "",
        "request": context.get("request"),
    }


@register.inclusion_tag("content/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page: Page) -> dict:
    if page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = outline_for(_site(context)).ancestors(page)
    if ancestors is None:  # above it is a page the outline does not hold: ask the tree
        ancestors = page.get_ancestors().filter(depth__gt=1)
    return {"ancestors": ancestors, "page": page}
