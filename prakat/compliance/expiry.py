"""Taking items down when their publication period ends, and warning before it does.

An item's ``publication_end`` is the last day it stays on the site. From the next day (in
Asia/Bangkok) the scheduled job unpublishes it, marks it expired and archived (kept, never
deleted), writes an entry in Wagtail's log and announces it; its owner unit and the
webmasters are warned ``Agency.expiry_notice_days`` before. The same job runs Wagtail's own
scheduled publishing (``go_live_at`` / ``expire_at``), which does nothing unless something
runs it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from huey import crontab
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from prakat.agency.models import Agency
from prakat.compliance.signals import item_expiring, item_taken_down
from prakat.content.going_live import publication_authorised
from prakat.content.models import InformationItemPage
from prakat.schedule.jobs import scheduled_job

TAKE_DOWN_ACTION = "prakat.take_down"
EXPIRY_NOTICE_ACTION = "prakat.expiry_notice"


@dataclass
class ExpiryRun:
    taken_down: list[InformationItemPage] = field(default_factory=list)
    warned: list[InformationItemPage] = field(default_factory=list)

    def summary(self) -> str:
        return f"taken down: {len(self.taken_down)}, warned: {len(self.warned)}"


def take_down_expired(now: datetime.datetime | None = None) -> list[InformationItemPage]:
    """Unpublish and archive every live item whose last day has passed; return them.

    Each item is its own transaction: one that fails leaves the others done and itself
    untouched, for the retry.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    done = []
    expired_ids = InformationItemPage.objects.live().filter(publication_end__lt=today)
    for pk in expired_ids.values_list("pk", flat=True):
        with transaction.atomic():
            item = InformationItemPage.objects.select_for_update().filter(pk=pk, live=True).first()
            if item is None:  # another worker got there first
                continue
            item.unpublish(set_expired=True, log_action=TAKE_DOWN_ACTION)
            InformationItemPage.objects.filter(pk=pk).update(archived_at=now)
            item.archived_at = now
            item_taken_down.send(sender=InformationItemPage, page=item)
        done.append(item)
    return done


def warn_expiring(today: datetime.date | None = None) -> list[InformationItemPage]:
    """Tell people once about each live item whose last day is within the agency's notice."""
    today = today or timezone.localdate()
    agency = Agency.current()
    days = agency.expiry_notice_days if agency else 7
    warned = []
    candidates = InformationItemPage.objects.live().filter(
        publication_end__gte=today, publication_end__lte=today + datetime.timedelta(days=days)
    )
    for item in candidates:
        end = item.publication_end.isoformat()
        already = PageLogEntry.objects.filter(
            page=item, action=EXPIRY_NOTICE_ACTION, data__publication_end=end
        ).exists()
        if already:
            continue
        with transaction.atomic():
            log(instance=item, action=EXPIRY_NOTICE_ACTION, data={"publication_end": end})
            item_expiring.send(
                sender=InformationItemPage,
                page=item,
                days_left=(item.publication_end - today).days,
            )
        warned.append(item)
    return warned


def run_expiry(now: datetime.datetime | None = None) -> ExpiryRun:
    now = now or timezone.now()
    run = ExpiryRun()
    run.taken_down = take_down_expired(now)
    run.warned = warn_expiring(timezone.localdate(now))
    return run


@scheduled_job("take-down-expired", crontab(minute="*/5"))
def expiry_job() -> str:
    """Every five minutes: items past their end come down, Wagtail's schedule runs."""
    run = run_expiry()
    # The revisions Wagtail's schedule holds were set by a webmaster's approving decision
    # (items cannot be scheduled from the editor): their time has come.
    with publication_authorised():
        call_command("publish_scheduled")
    return run.summary()
