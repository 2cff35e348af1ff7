"""What a page tells browsers and social media about itself: the site's icon and colour, and
the share card (Open Graph) with the page's title, summary, address and picture."""

from __future__ import annotations

import html

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from prakat.agency.identity import Identity
from prakat.agency.models import Agency
from prakat.content.models import InformationItemPage

# Open Graph's recommended card; a logo standing in is shown whole.
CARD_SPEC = "fill-1200x630"
LOGO_CARD_SPEC = "max-600x600"
ICON_SPECS = {"icon": "fill-32x32|format-png", "apple_touch_icon": "fill-180x180|format-png"}
DESCRIPTION_CHARACTERS = 200


def _description(page: Page) -> str:
    if page.search_description:
        return page.search_description
    intro = getattr(page, "intro", "") or ""
    # Entities unescaped here: the template escapes the text once.
    return Truncator(html.unescape(strip_tags(intro))).chars(DESCRIPTION_CHARACTERS)


def share_card(
    request: HttpRequest, identity: Identity, page: Page | None, agency: Agency | None
) -> dict:
    """The context of ``content/includes/page_head.html``."""
    context: dict = {
        "site_name": agency.name if agency is not None else "",
        "theme_url": (
            f"{reverse('theme_css')}?c={identity.theme_colour.lstrip('#').lower()}"
            if identity.themed
            else ""
        ),
    }
    if identity.logo is not None:
        for name, spec in ICON_SPECS.items():
            context[name] = get_rendition_or_not_found(identity.logo, spec).url
    if page is not None:
        specific = page.specific_deferred
        context.update(
            title=specific.seo_title or specific.title,
            description=_description(specific),
            url=specific.get_full_url(request) or "",
            type="article" if isinstance(specific, InformationItemPage) else "website",
        )
    picture, spec = (
        getattr(page.specific_deferred if page else None, "share_image", None),
        CARD_SPEC,
    )
    if picture is None:
        picture = identity.share_image
    if picture is None and identity.logo is not None:
        picture, spec = identity.logo, LOGO_CARD_SPEC
    if picture is not None:
        rendition = get_rendition_or_not_found(picture, spec)
        context.update(
            # The site's own address, as the page's (``get_full_url``): one canonical host.
            image=f"{Site.find_for_request(request).root_url}{rendition.url}",
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=picture.default_alt_text,
            large_card=spec == CARD_SPEC,
        )
    return context
