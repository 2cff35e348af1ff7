"""Building an agency's site skeleton (home page and category tree) from the checklist.

Idempotent: a category is found again by its checklist key, so running the builder twice
creates nothing new, and a category a webmaster renamed or moved stays as they left it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from prakat.agency.models import Agency
from prakat.content.checklist import Checklist, load_checklist
from prakat.content.english import build_english_home
from prakat.content.models import CategoryPage, HomePage
from prakat.content.permissions import grant_role_permissions
from prakat.content.signals import site_built

# The page Wagtail's first migration creates; it stands where the agency's home page goes.
WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
# Wagtail's tree root is named "Root"; staff see it in the page explorer.
ROOT_TITLE = "ทุกเว็บไซต์"


@dataclass
class BuildResult:
    home: HomePage
    agency: Agency
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def _remove_wagtail_welcome_page(root: Page) -> None:
    for page in root.get_children():
        if (
            page.specific_class is Page
            and page.title == WAGTAIL_WELCOME_TITLE
            and not page.get_children().exists()
        ):
            page.delete()


def _home(root: Page, site: Site | None, title: str) -> HomePage:
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    existing = HomePage.objects.child_of(root).first()
    if existing is not None:
        return existing
    _remove_wagtail_welcome_page(root)
    home = HomePage(title=title, slug="home", live=True, first_published_at=timezone.now())
    root.add_child(instance=home)
    return home


def base_address() -> tuple[str, int]:
    """Host and port of the site's public address (``PRAKAT_BASE_URL``)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return base.hostname or "127.0.0.1", base.port or (443 if base.scheme == "https" else 80)


@transaction.atomic
def build_site(*, agency_name: str = "", checklist: Checklist | None = None) -> BuildResult:
    """Create whatever of the home page, site, agency, categories and English home (a draft)
    does not exist yet."""
    checklist = checklist or load_checklist()
    hostname, port = base_address()
    root = Page.get_first_root_node()
    if root.title != ROOT_TITLE:
        Page.objects.filter(pk=root.pk).update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = _home(root, site, agency_name or "หน้าแรก")
    if site is None:
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.hostname, site.port = hostname, port
        site.save()

    agency = Agency.for_site(site)
    if agency_name and not agency.name:
        agency.name = agency_name
        agency.save()

    result = BuildResult(home=home, agency=agency)
    pages: dict[str, Page] = {
        p.checklist_key: p
        for p in CategoryPage.objects.descendant_of(home).exclude(checklist_key="")
    }
    now = timezone.now()
    for entry in checklist:
        if entry.key in pages:
            result.existing.append(entry.key)
            continue
        parent = home if entry.parent is None else pages[entry.parent]
        page = CategoryPage(
            title=entry.title_th,
            slug=entry.key,
            checklist_key=entry.key,
            intro=entry.description_th,
            show_in_menus=entry.is_top,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        parent.add_child(instance=page)
        pages[entry.key] = page
        result.created.append(entry.key)

    english = build_english_home(home, agency.name_en)
    grant_role_permissions(home, english)
    site_built.send(sender=BuildResult, result=result)
    return result
