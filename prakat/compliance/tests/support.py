"""Published items with the dates a currency test needs."""

from __future__ import annotations

import datetime

from prakat.content.models import CategoryPage, InformationItemPage
from prakat.content.tests import helpers
from prakat.thai.dates import BANGKOK


def category(key: str) -> CategoryPage:
    return CategoryPage.objects.get(checklist_key=key)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BANGKOK)


def publish_on(
    key: str, title: str, unit, when: datetime.datetime, **fields
) -> InformationItemPage:
    """An item in category ``key`` as if published at ``when`` (Wagtail stamps now)."""
    item = helpers.publish_item(category(key), title, unit, published=when, **fields)
    InformationItemPage.objects.filter(pk=item.pk).update(
        first_published_at=when, last_published_at=when
    )
    item.refresh_from_db()
    return item
