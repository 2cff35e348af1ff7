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
done), for the admin's screens.

    python -m bench.prakat_site --items 10000 --requests

gives each added item the publication request that brought it, as years of use leave them:
every one published, by the demo's requester and webmaster, through an approved run of the
category's workflow (written in bulk, as the items are); and beside them requests still on
their way, made through the request form's own steps: waiting for the unit head, approved by
the unit head and waiting for the next step, sent back.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys

NEWS_CATEGORY = "pr-news"
MEASURED_ITEM = "blood-donation-november-2569"
BATCH = 2000
# Requests on their way beside the published ones, by how far they have gone: a busy month's.
IN_FLIGHT = {"waiting for the unit head": 30, "approved by the unit head": 20, "sent back": 10}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int)
    parser.add_argument("--session", metavar="USERNAME")
    parser.add_argument(
        "--requests", action="store_true", help="a publication request for each item added"
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prakat.settings")
    import django

    django.setup()
    if args.session:
        json.dump({"cookie": signed_in(args.session)}, sys.stdout)
    else:
        # What the requests' steps print (the e-mails they send, on the console backend) is
        # not the answer, which is the one JSON object on stdout.
        with contextlib.redirect_stdout(sys.stderr):
            grown = grow(args.items, requests=args.requests)
        json.dump(grown, sys.stdout, ensure_ascii=False)


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


def grow(count: int, *, requests: bool = False) -> dict:
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
            if requests:
                add_published_requests(category, ids)
        if requests:
            add_requests_in_flight(category)
    listed = category.items().count()
    per_page = getattr(models, "ITEMS_PER_PAGE", 20)
    from prakat.publishing.models import PublicationRequest

    return {
        "category_id": category.pk,
        "requests": PublicationRequest.objects.count(),
        "item": item.url,
        "item_title": item.title,
        "item_body": item.body,
        "category": category.url,
        "category_items": listed,
        "category_last_page": max(1, math.ceil(listed / per_page)),
    }


def add_published_requests(category, ids: list[int]) -> None:
    """The request behind each of the items ``ids``: asked for by the demo's requester a day
    before the item went up, approved at every step and published by the demo's webmaster."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import OuterRef, Subquery
    from wagtail.models import Page, WorkflowState

    from prakat.agency.models import display_name, position_of
    from prakat.content.models import InformationItemPage
    from prakat.publishing.choices import RequestKind
    from prakat.publishing.models import PublicationRequest

    User = get_user_model()
    requester, webmaster = (User.objects.get(username=u) for u in ("requester", "webmaster"))
    workflow = category.get_workflow()
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).only("pk", "first_published_at")}
    states = WorkflowState.objects.bulk_create(
        WorkflowState(
            content_type=ContentType.objects.get_for_model(InformationItemPage),
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(pk),
            workflow=workflow,
            status=WorkflowState.STATUS_APPROVED,
            requested_by=requester,
        )
        for pk in ids
    )
    unit = InformationItemPage.objects.get(pk=ids[0]).owner_unit
    made = PublicationRequest.objects.bulk_create(
        PublicationRequest(
            page_id=pk,
            kind=RequestKind.NEW,
            requester=requester,
            requester_name=display_name(requester),
            requester_position=position_of(requester, unit),
            unit=unit,
            category_key=category.checklist_key,
            workflow_state=state,
            published_at=pages[pk].first_published_at,
            published_by=webmaster,
            publisher_name=display_name(webmaster),
            publisher_position=position_of(webmaster, None),
        )
        for pk, state in zip(ids, states, strict=True)
    )
    # Asked for the day before each went up, not all at this moment (``auto_now_add``).
    asked = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("first_published_at")[:1])
    PublicationRequest.objects.filter(pk__in=[r.pk for r in made]).update(created_at=asked)


def add_requests_in_flight(category) -> None:
    """Requests made through the request form's steps and left where ``IN_FLIGHT`` says."""
    from django.contrib.auth import get_user_model

    from prakat.publishing.models import RejectionReason
    from prakat.publishing.submission import RequestDetails, submit

    User = get_user_model()
    requester, head = (User.objects.get(username=u) for u in ("requester", "unithead"))
    number = 0
    for stage, count in IN_FLIGHT.items():
        for _ in range(count):
            number += 1
            title = f"คำขอเผยแพร่ระหว่างดำเนินการ ที่ {number}"
            made = submit(requester, category, RequestDetails(title=title, summary=title))
            state = made.workflow_state.current_task_state
            task = state.task.specific
            if stage == "approved by the unit head":
                task.on_action(state, head, "approve")
            elif stage == "sent back":
                task.on_action(
                    state, head, "reject", reason=RejectionReason.OTHER, detail="โปรดแนบไฟล์"
                )


if __name__ == "__main__":
    main()
