"""Videos, Facebook pages and maps shown in the public pages, through Wagtail's embeds.

Wagtail checks an embedded address by asking its finders; the only finder here is the
agency's list of known providers (``prakat.agency.embeds``), which turns the address into its
player's address without asking the provider anything. A page draws its frames from the
address itself, and only for the providers its agency allows: the same list the public
pages' content-security policy names, so a frame is never drawn that the browser would
refuse.
"""

from __future__ import annotations

from django.db import DatabaseError
from django.http import HttpRequest
from django.template.loader import render_to_string
from wagtail.embeds.finders.base import EmbedFinder
from wagtail.models import Site

from prakat.agency.embeds import PROVIDERS, Frame, frame_for, frame_sources
from prakat.agency.models import Agency
from prakat.content import site_version


class AgencyEmbedFinder(EmbedFinder):
    """Wagtail's finder for the providers Prakat knows; every other address is refused."""

    def accept(self, url: str) -> bool:
        return frame_for(url) is not None

    def find_embed(self, url: str, max_width=None, max_height=None) -> dict:
        frame = frame_for(url)
        if frame is None:  # Wagtail asks only after accept(): never reached in its use
            raise ValueError(url)
        label = str(PROVIDERS[frame.provider].label)
        return {
            "title": "",
            "author_name": "",
            "provider_name": label,
            "type": "video" if frame.shape == "video" else "rich",
            "thumbnail_url": "",
            "width": None,
            "height": None,
            "html": render_to_string(
                "content/includes/frame.html", {"frame": frame, "title": label}
            ),
        }


def agency_of_request(request: HttpRequest) -> Agency | None:
    site = Site.find_for_request(request)
    return site_version.agency_of(site) if site is not None else None


def allowed(agency: Agency | None, url: str) -> Frame | None:
    """The frame ``url`` is shown in on ``agency``'s pages, or None where the agency does not
    allow its provider (or no provider knows it)."""
    frame = frame_for(url)
    if frame is None or agency is None or frame.provider not in agency.embed_providers:
        return None
    return frame


def frame_sources_for(request: HttpRequest) -> str:
    """The frame-src of the policy of ``request``'s site: its agency's providers."""
    try:
        agency = agency_of_request(request)
    except DatabaseError:  # the error page of a failed database frames nothing
        return "'none'"
    return frame_sources(agency.embed_providers if agency is not None else [])
