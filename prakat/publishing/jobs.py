"""Publishing's scheduled jobs."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from huey import crontab

from prakat.agency.models import Agency
from prakat.publishing.models import Notification, WrittenApproval
from prakat.publishing.monthly_report import generate_monthly_report
from prakat.publishing.routing import holders
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
    """Remind whoever holds each approval step an urgent item still owes in writing."""
    owed = WrittenApproval.objects.filter(given_at__isnull=True).select_related(
        "request__page", "request__unit__agency"
    )
    for written in owed:
        Notification.send(
            holders(written.request, written.step),
            _("Reminder: “%(title)s” was published urgently and still needs your written "
              "approval: %(step)s.") % {"title": written.request, "step": written.step_name},
            publication_request=written.request,
        )  # fmt: skip
    return len(owed)


# 01:30 UTC is 08:30 in Bangkok: the approver sees it at the start of the working day.
@scheduled_job("written-approval-reminders", crontab(hour="1", minute="30"))
def written_approval_reminders() -> str:
    return f"{send_written_approval_reminders()} reminder(s) sent"
