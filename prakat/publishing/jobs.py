"""Publishing's scheduled jobs."""

from __future__ import annotations

import datetime

from django.utils import timezone
from huey import crontab

from prakat.agency.models import Agency
from prakat.publishing.monthly_report import generate_monthly_report, month_label, previous_month
from prakat.schedule.jobs import scheduled_job


def monthly_report_job_for(today: datetime.date) -> str:
    """Archive last month's report of every agency; ``today`` is a parameter so the month a
    run reports on can be checked without touching the clock."""
    year, month = previous_month(today)
    names = [
        str(generate_monthly_report(agency, year, month).agency) for agency in Agency.objects.all()
    ]
    return f"{month_label(year, month)}: {', '.join(names) or '-'}"


# Huey's schedule runs in UTC: 01:00 UTC on the 1st is 08:00 in Bangkok, when the Bangkok
# month just ended is complete and the office day starts.
@scheduled_job("monthly-publishing-report", crontab(day="1", hour="1", minute="0"))
def monthly_publishing_report() -> str:
    return monthly_report_job_for(timezone.localdate())
