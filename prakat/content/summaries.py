"""Each item's line in a category's list, drawn once a site version.

A category's page shows twenty items, each with its title, publication date, owner unit and
the type and size of each file: reading twenty items with their attachments and drawing their
lines was most of the page's cost, and the lines change only when the site does. So a page
reads the ids of its items (one small query), and draws and reads only the lines it has not
drawn since the site version last moved.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.models import Site

from prakat.content import site_version

# Lines kept per site version in each process, at most: about half a kilobyte each.
SUMMARIES_KEPT = 10_000


def item_summaries(page_items: QuerySet, all_items: QuerySet, request) -> list[str]:
    """The drawn lines of ``page_items`` (one page of ``all_items``), in their order."""
    ids = list(page_items.values_list("pk", flat=True))
    # A line links its item by the address the request's site gives it.
    site = Site.find_for_request(request)
    kept: dict[int, str] = site_version.table(
        ("item summaries", site.pk if site else None, get_language())
    )
    missing = [pk for pk in ids if pk not in kept]
    if missing:
        drawn = {
            item.pk: render_to_string(
                "content/includes/item_summary.html", {"item": item, "request": request}
            )
            for item in all_items.filter(pk__in=missing)
        }
        if len(kept) + len(drawn) <= SUMMARIES_KEPT:
            kept.update(drawn)
        return [kept.get(pk) or drawn[pk] for pk in ids]
    return [kept[pk] for pk in ids]
