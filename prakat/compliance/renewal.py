"""Reminders that a periodic entry's new item is due, once per entry per period."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from prakat.agency.models import Agency
from prakat.compliance.currency import (
    PROCUREMENT_PLAN_KEY,
    EntryStatus,
    Status,
    checklist_status,
    period_containing,
)
from prakat.compliance.models import RenewalReminder
from prakat.compliance.signals import renewal_due
from prakat.content.checklist import Renewal
from prakat.thai.calendar import fiscal_year, fiscal_year_period


def period_start(result: EntryStatus, today: datetime.date) -> datetime.date:
    """The first day of the period a reminder is about; a section or an on-change entry
    (which is never due by itself) counts by fiscal year."""
    if result.key == PROCUREMENT_PLAN_KEY:
        return fiscal_year_period(fiscal_year(today)).start
    period = period_containing(result.entry.renewal, today) or period_containing(
        Renewal.YEARLY, today
    )
    return period.start


def manage_url(result: EntryStatus) -> str:
    """Where the item is managed in the admin: the category's page listing."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if result.category is None:
        return base + reverse("wagtailadmin_home")
    return base + reverse("wagtailadmin_explore", args=[result.category.pk])


def send_renewal_reminders(agency: Agency, today: datetime.date) -> int:
    """Send ``renewal_due`` for each due entry not yet reminded of in this period; returns
    how many were sent.

    Only entries due on their own items are announced: a section is due because one of its
    parts is, and that part has its own reminder.
    """
    sent = 0
    for result in checklist_status(agency, today):
        if result.status is not Status.DUE or result.category is None:
            continue
        if not result.items:
            continue
        start = period_start(result, today)
        try:
            with transaction.atomic():
                # Record first: a receiver that fails rolls the record back, and tomorrow's
                # run tries again.
                RenewalReminder.objects.create(
                    agency=agency, entry_key=result.key, period_start=start
                )
                renewal_due.send(
                    sender=RenewalReminder,
                    agency=agency,
                    entry=result.entry,
                    status=result.status,
                    units=result.units,
                    url=manage_url(result),
                )
        except IntegrityError:
            continue  # already reminded in this period
        sent += 1
    return sent
