"""Taking items down when their publication period ends, and warning before it does.

An item's publication period ends with Wagtail's own expiry (``expire_at``: midnight,
Bangkok, after its last day; the request form and the editor set it). Wagtail's scheduled
publishing takes expired pages down and logs it; the job runs it every five minutes. An
information item that comes down this way is then archived (kept, never deleted) and
announced by the receiver below; its owner unit and the webmasters were warned
``Agency.expiry_notice_days`` before.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from huey import crontab
from wagtail.log_actions import log
from wagtail.models import PageLogEntry
from wagtail.signals import page_unpublished

from prakat.agency.models import Agency
from prakat.compliance.signals import item_expiring, item_taken_down
from prakat.content.going_live import publication_authorised
from prakat.content.models import InformationItemPage, expiry_after
from prakat.schedule.jobs import scheduled_job

# Wagtail's own entry for a page its schedule took down (shown in Prakat's words, see
# log_actions); entries written before items used Wagtail's expiry keep Prakat's own action.
TAKE_DOWN_ACTION = "wagtail.unpublish.scheduled"
EARLIER_TAKE_DOWN_ACTION = "prakat.take_down"
EXPIRY_NOTICE_ACTION = "prakat.expiry_notice"


@dataclass
class ExpiryRun:
    taken_down: list[InformationItemPage] = field(default_factory=list)
    warned: list[InformationItemPage] = field(default_factory=list)

    def summary(self) -> str:
        return f"taken down: {len(self.taken_down)}, warned: {len(self.warned)}"


def take_down_expired() -> list[InformationItemPage]:
    """Run Wagtail's scheduled publishing now: approved revisions whose time has come go
    live, expired pages come down. Returns the information items that came down."""
    due = list(
        InformationItemPage.objects.live()
        .filter(expire_at__lte=timezone.now())
        .values_list("pk", flat=True)
    )
    # The revisions Wagtail's schedule holds were set by a webmaster's approving decision
    # (items cannot be scheduled from the editor): their time has come.
    with publication_authorised():
        call_command("publish_scheduled", stdout=io.StringIO())
    return list(InformationItemPage.objects.filter(pk__in=due, live=False, expired=True))


@receiver(page_unpublished, sender=InformationItemPage, dispatch_uid="prakat_archive_expired")
def archive_when_expired(sender, instance: InformationItemPage, **kwargs) -> None:
    """An item its expiry took down is archived and announced (owner unit, webmasters)."""
    if not instance.expired:
        return
    now = timezone.now()
    InformationItemPage.objects.filter(pk=instance.pk).update(archived_at=now)
    instance.archived_at = now
    item_taken_down.send(sender=InformationItemPage, page=instance)


def warn_expiring(today: datetime.date | None = None) -> list[InformationItemPage]:
    """Tell people once about each live item whose last day is within the agency's notice."""
    today = today or timezone.localdate()
    agency = Agency.current()
    days = agency.expiry_notice_days if agency else 7
    warned = []
    candidates = InformationItemPage.objects.live().filter(
        expire_at__gt=expiry_after(today - datetime.timedelta(days=1)),
        expire_at__lte=expiry_after(today + datetime.timedelta(days=days)),
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
    run = ExpiryRun()
    run.taken_down = take_down_expired()
    run.warned = warn_expiring(timezone.localdate(now))
    return run


@scheduled_job("take-down-expired", crontab(minute="*/5"))
def expiry_job() -> str:
    """Every five minutes: Wagtail's schedule runs (items past their end come down, approved
    items whose time has come go up), and items coming down soon are announced."""
    return run_expiry().summary()
