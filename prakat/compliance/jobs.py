"""Compliance's scheduled jobs."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab

from prakat.agency.models import Agency
from prakat.compliance.renewal import send_renewal_reminders
from prakat.schedule.jobs import scheduled_job


# The queue keeps time in UTC: 00:30 UTC is 07:30 in Bangkok.
@scheduled_job("renewal-reminders", crontab(hour="0", minute="30"))
def renewal_reminders() -> str:
    """Every morning, before the working day, tell people which items are due."""
    today = timezone.localdate()
    sent = sum(
        send_renewal_reminders(agency, today)
        for agency in Agency.objects.select_related("site__root_page")
    )
    return f"{sent} renewal reminder(s) sent for {today.isoformat()}"
