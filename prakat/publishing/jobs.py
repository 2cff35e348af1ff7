"""Publishing's scheduled jobs."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab

from prakat.agency.models import Agency
from prakat.publishing.models import Notification, PublicationRequest
from prakat.publishing.monthly_report import generate_monthly_report
from prakat.schedule.jobs import scheduled_job
from prakat.thai.calendar import previous_month
from prakat.thai.dates import format_month


def monthly_report_job_for(today: datetime.date) -> str:
    """Archive last month's report of every agency; ``today`` is a parameter so the month a
    run reports on can be checked without touching the clock."""
    year, month = previous_month(today)
    names = [
        str(generate_monthly_report(agency, year, month).agency) for agency in Agency.objects.all()
    ]
    return f"{format_month(year, month)}: {', '.join(names) or '-'}"


# Huey's schedule runs in UTC: 01:00 UTC on the 1st is 08:00 in Bangkok, when the Bangkok
# month just ended is complete and the office day starts.
@scheduled_job("monthly-publishing-report", crontab(day="1", hour="1", minute="0"))
def monthly_publishing_report() -> str:
    return monthly_report_job_for(timezone.localdate())


def send_written_approval_reminders() -> int:
    """Remind each verbal approver of every urgent item still owed a written approval."""
    owed = list(
        PublicationRequest.objects.filter(
            verbal_approver__isnull=False, written_approved_at__isnull=True
        ).select_related("verbal_approver")
    )
    for publication_request in owed:
        Notification.send(
            [publication_request.verbal_approver],
            _("Reminder: “%(title)s” was published on your verbal approval and still "
              "needs your written approval.") % {"title": publication_request},
            publication_request=publication_request,
        )  # fmt: skip
    return len(owed)


# 01:30 UTC is 08:30 in Bangkok: the approver sees it at the start of the working day.
@scheduled_job("written-approval-reminders", crontab(hour="1", minute="30"))
def written_approval_reminders() -> str:
    return f"{send_written_approval_reminders()} reminder(s) sent"
