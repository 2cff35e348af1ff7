"""Grow a throw-away Prakat install to N information items, and name the pages to measure.

Run inside the install's settings (``PRAKAT_VAR_DIR`` set), after ``migrate`` and
``load_demo``:

    python -m bench.prakat_site --items 1000

The items go into the demo's news category (ข่าวประชาสัมพันธ์), so the category, the home
page, the feed and the sitemap all grow with them. Wagtail adds pages one at a time, which
would take an hour for 100,000; the rows are written in bulk instead (``bench.bulk``, as
``prakat/content/tests/helpers.py:bulk_publish_items`` does), with real text and the measured
item's attachment on each. The site's search index is brought up to date afterwards by
``manage.py update_search_entries --all``, as an operator would after a bulk import.
Prints one JSON object: the URLs to measure and the measured item's text.

    python -m bench.prakat_site --session webmaster

prints the session cookie of that demo account signed in to the admin (its two-step sign-in
done), for the admin's search.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys

NEWS_CATEGORY = "pr-news"
MEASURED_ITEM = "blood-donation-november-2569"
BATCH = 2000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int)
    parser.add_argument("--session", metavar="USERNAME")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prakat.settings")
    import django

    django.setup()
    if args.session:
        json.dump({"cookie": signed_in(args.session)}, sys.stdout)
    else:
        json.dump(grow(args.items), sys.stdout, ensure_ascii=False)


def signed_in(username: str) -> str:
    """A ``Cookie`` header for ``username``'s new admin session, its second step done as the
    authenticator app would have done it."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    device = next(devices_for_user(user), None)
    if device is not None:
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def grow(count: int) -> dict:
    from django.db import transaction

    from bench.bulk import add_children
    from prakat.content import models

    category = models.CategoryPage.objects.get(checklist_key=NEWS_CATEGORY)
    item = models.InformationItemPage.objects.descendant_of(category).get(slug=MEASURED_ITEM)
    attachment = item.attachments.first()
    with transaction.atomic():
        for start in range(0, count, BATCH):
            numbers = range(start, min(count, start + BATCH))
            ids = add_children(
                category, models.InformationItemPage, numbers, owner_unit=item.owner_unit_id
            )
            if attachment is not None:
                models.ItemAttachment.objects.bulk_create(
                    models.ItemAttachment(page_id=pk, document_id=attachment.document_id)
                    for pk in ids
                )
    listed = category.items().count()
    per_page = getattr(models, "ITEMS_PER_PAGE", 20)
    return {
        "item": item.url,
        "item_title": item.title,
        "item_body": item.body,
        "category": category.url,
        "category_items": listed,
        "category_last_page": max(1, math.ceil(listed / per_page)),
    }


if __name__ == "__main__":
    main()
