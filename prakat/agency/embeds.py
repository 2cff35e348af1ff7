"""The other sites whose videos, pages and maps an agency's public pages may show in a frame.

Each provider is known by the addresses people copy from it (a YouTube watch address, a
Facebook page, a map's embed address) and turned here into the address of its player, so the
site never asks the provider anything (no oEmbed request leaves the server) and the public
pages' content-security policy can name exactly the origins of the providers the agency
allows (``Agency.embed_providers``), nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, quote, urlsplit

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
# Facebook's own paths on its domain, not pages of anyone.
FACEBOOK_RESERVED = {
    "plugins", "sharer", "sharer.php", "dialog", "login", "login.php", "groups", "events",
    "photo", "photo.php", "story.php", "permalink.php", "hashtag", "search", "share",
}  # fmt: skip


@dataclass(frozen=True)
class Frame:
    """What a public page frames: the player's address and how it is shaped."""

    provider: str
    src: str
    shape: str  # "video" (16:9), "page" (a tall column) or "map" (4:3)


@dataclass(frozen=True)
class Provider:
    key: str
    label: str | Promise
    origin: str  # what the content-security policy's frame-src names
    frame: Callable[[SplitResult], Frame | None]


def _youtube(address: SplitResult) -> Frame | None:
    host = address.netloc.lower()
    parts = [part for part in address.path.split("/") if part]
    video = ""
    if host == "youtu.be" and len(parts) == 1:
        video = parts[0]
    elif host in {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                  "www.youtube-nocookie.com"}:  # fmt: skip
        if parts == ["watch"]:
            video = parse_qs(address.query).get("v", [""])[0]
        elif len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
            video = parts[1]
    if not YOUTUBE_ID.match(video):
        return None
    # The privacy-enhanced player: no cookie is set until the visitor plays the video.
    return Frame("youtube", f"https://www.youtube-nocookie.com/embed/{video}", "video")


def _facebook(address: SplitResult) -> Frame | None:
    if address.netloc.lower() not in FACEBOOK_HOSTS:
        return None
    parts = [part for part in address.path.split("/") if part]
    if not parts:
        return None
    canonical = f"https://www.facebook.com{address.path}"
    is_video = (
        (parts[0] == "watch" and parse_qs(address.query).get("v", [""])[0].isdigit())
        or (len(parts) >= 3 and parts[1] == "videos" and parts[2].isdigit())
        or (len(parts) == 2 and parts[0] == "reel" and parts[1].isdigit())
    )
    if is_video:
        if parts[0] == "watch":
            canonical = f"https://www.facebook.com/watch/?v={parse_qs(address.query)['v'][0]}"
        href = quote(canonical, safe="")
        return Frame(
            "facebook",
            f"https://www.facebook.com/plugins/video.php?href={href}&show_text=false",
            "video",
        )
    if parts[0] == "profile.php":
        page_id = parse_qs(address.query).get("id", [""])[0]
        if not page_id.isdigit():
            return None
        canonical = f"https://www.facebook.com/profile.php?id={page_id}"
    elif (
        len(parts) != 1
        or parts[0].lower() in FACEBOOK_RESERVED
        or not re.fullmatch(r"[A-Za-z0-9.\-_]+", parts[0])
    ):
        return None
    else:
        canonical = f"https://www.facebook.com/{parts[0]}"
    href = quote(canonical, safe="")
    return Frame(
        "facebook",
        "https://www.facebook.com/plugins/page.php"
        f"?href={href}&tabs=timeline&width=500&height=600&adapt_container_width=true",
        "page",
    )


def _google_maps(address: SplitResult) -> Frame | None:
    # Google gives a map to embed only as an address of this shape ("Share" › "Embed a map").
    if address.netloc.lower() != "www.google.com" or address.path != "/maps/embed":
        return None
    if not parse_qs(address.query).get("pb"):
        return None
    return Frame("google_maps", f"https://www.google.com/maps/embed?{address.query}", "map")


def _openstreetmap(address: SplitResult) -> Frame | None:
    if address.netloc.lower() != "www.openstreetmap.org" or address.path != "/export/embed.html":
        return None
    if not parse_qs(address.query).get("bbox"):
        return None
    return Frame(
        "openstreetmap", f"https://www.openstreetmap.org/export/embed.html?{address.query}", "map"
    )


PROVIDERS: dict[str, Provider] = {
    provider.key: provider
    for provider in (
        Provider("youtube", _("YouTube videos"), "https://www.youtube-nocookie.com", _youtube),
        Provider("facebook", _("Facebook videos and pages"), "https://www.facebook.com", _facebook),
        Provider("google_maps", _("Google Maps maps"), "https://www.google.com", _google_maps),
        Provider(
            "openstreetmap",
            _("OpenStreetMap maps"),
            "https://www.openstreetmap.org",
            _openstreetmap,
        ),
    )
}
CHOICES = [(provider.key, provider.label) for provider in PROVIDERS.values()]


def all_providers() -> list[str]:
    """Every provider: what a new agency allows until its administrator says otherwise."""
    return list(PROVIDERS)


def frame_for(url: str) -> Frame | None:
    """The frame ``url`` is shown in, or None where no provider knows it."""
    try:
        address = urlsplit(url.strip())
    except ValueError:
        return None
    if address.scheme != "https" or address.username or address.password or address.port:
        return None
    for provider in PROVIDERS.values():
        frame = provider.frame(address)
        if frame is not None:
            return frame
    return None


def frame_sources(keys: Iterable[str]) -> str:
    """The content-security policy's frame-src for the providers ``keys`` allow."""
    origins = sorted({PROVIDERS[key].origin for key in keys if key in PROVIDERS})
    return " ".join(origins) or "'none'"


def names(keys: Iterable[str]) -> str:
    """The providers ``keys`` in words, in the order they are offered."""
    wanted = set(keys)
    return ", ".join(str(p.label) for p in PROVIDERS.values() if p.key in wanted)


def refusal(allowed: Iterable[str], urls: Iterable[str]) -> str:
    """A Thai refusal naming the providers of ``urls`` outside ``allowed``, or ''."""
    allowed = list(allowed)
    refused = {
        frame.provider
        for url in urls
        if (frame := frame_for(url)) is not None and frame.provider not in allowed
    }
    if not refused:
        return ""
    return gettext(
        "The agency does not allow content from %(providers)s on its public pages (allowed: "
        "%(allowed)s). It may be allowed in the agency's settings, upload policy."
    ) % {"providers": names(refused), "allowed": names(allowed) or gettext("none")}


class ProviderList(models.JSONField):
    """The keys of the providers an agency allows, ticked in the admin from the known ones."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=kwargs.get("label", self.verbose_name),
            help_text=kwargs.get("help_text", self.help_text),
        )
