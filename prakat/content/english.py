"""The site's small English version, for foreign patients: a home page and the pages under
it (about, contact, services, how to complain), written by the webmaster.

They are Wagtail's own translations: the English home is the Thai home page's translation in
the English locale, so Wagtail serves it and its pages under ``/en/`` (``i18n_patterns``) and
names their addresses so. Thai stays the default, unprefixed, and the whole of the checklist:
under the English home only general pages are written, never categories or items, so nothing
English counts as ITA evidence. The skeleton makes the English home as a draft; the English
pages and the links between the two languages show once the webmaster publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from wagtail.models import Locale, Page, Site

from prakat.content import site_version
from prakat.content.models import EnglishHomePage, HomePage

LANGUAGE = "en"
SLUG = "english"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    path: str


@dataclass(frozen=True)
class EnglishVersion:
    """What every English page shows of its site: the home's address and title, its menu."""

    url: str
    title: str
    path: str
    menu: tuple[Link, ...]


def english_locale() -> Locale:
    locale, _created = Locale.objects.get_or_create(language_code=LANGUAGE)
    return locale


def build_english_home(home: HomePage, title: str) -> EnglishHomePage:
    """The English home of ``home``'s site, made as a draft the first time it is asked for."""
    existing = EnglishHomePage.objects.filter(translation_key=home.translation_key).first()
    if existing is not None:
        return existing
    root = home.get_parent()
    english = EnglishHomePage(
        title=title or "English",
        slug=_free_slug(root),
        locale=english_locale(),
        translation_key=home.translation_key,
        live=False,
    )
    root.add_child(instance=english)
    english.save_revision()
    # Wagtail keeps the sites' root addresses for an hour; the new translation is one.
    Site.clear_site_root_paths_cache()
    return english


def _free_slug(root: Page) -> str:
    taken = set(root.get_children().values_list("slug", flat=True))
    slug, number = SLUG, 1
    while slug in taken:
        number += 1
        slug = f"{SLUG}-{number}"
    return slug


def english_home_of(home: Page) -> EnglishHomePage | None:
    """The live English home beside ``home``, read once a site version."""

    def read() -> EnglishHomePage | None:
        return (
            EnglishHomePage.objects.live()
            .filter(translation_key=home.translation_key, locale__language_code=LANGUAGE)
            .first()
        )

    return site_version.remembered(("english home", home.pk), read)


def english_version(site: Site | None) -> EnglishVersion | None:
    """The English version of ``site`` as its pages show it, or None while it is not live."""
    if site is None or site.root_page_id is None:
        return None

    def read() -> EnglishVersion | None:
        english = english_home_of(site.root_page)
        if english is None:
            return None
        menu = tuple(
            Link(title=page.title, url=page.get_url(), path=page.path)
            for page in english.get_children().live().public().in_menu().order_by("path")
        )
        return EnglishVersion(
            url=english.get_url() or f"/{LANGUAGE}/",
            title=english.title,
            path=english.path,
            menu=menu,
        )

    return site_version.remembered(("english version", site.pk), read)


def is_english() -> bool:
    """Is the request being answered in English (an address under ``/en/``)?"""
    return translation.get_language() == LANGUAGE
