"""Template tags of the public site: the agency, navigation, breadcrumbs, metadata."""

from django import template
from wagtail.models import Page, Site

from prakat.agency.models import Agency
from prakat.content.models import CategoryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_for_request(context) -> Agency | None:
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    return Agency.for_request(request) if site else None


@register.inclusion_tag("content/includes/navigation.html", takes_context=True)
def site_navigation(context) -> dict:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    categories = []
    if site is not None:
        categories = CategoryPage.objects.child_of(site.root_page).live().in_menu()
    current = context.get("page")
    return {
        "categories": categories,
        "current_path": current.path if isinstance(current, Page) else "",
        "request": request,
    }


@register.inclusion_tag("content/includes/breadcrumbs.html")
def breadcrumbs(page: Page) -> dict:
    ancestors = page.get_ancestors().filter(depth__gt=1) if page.depth > 2 else []
    return {"ancestors": ancestors, "page": page}
