"""The traffic log's nightly jobs. The queue keeps UTC: 17:10 UTC is 00:10 in Bangkok."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab

from prakat.audit.retention import purge, retention_days
from prakat.audit.sealing import seal_pending
from prakat.schedule.jobs import scheduled_job


@scheduled_job("seal-traffic-log", crontab(hour="17", minute="10"))
def seal_traffic_log() -> str:
    """Seal yesterday (and any day missed) ten minutes after Bangkok's midnight."""
    sealed = seal_pending(timezone.localdate())
    if not sealed:
        return "nothing to seal"
    return ", ".join(f"{s.day.isoformat()}: {s.lines} line(s)" for s in sealed) + " sealed"


@scheduled_job("purge-traffic-log", crontab(hour="17", minute="40"))
def purge_traffic_log() -> str:
    """Delete sealed days older than the agency's retention period."""
    days = purge(timezone.localdate())
    return f"{len(days)} day(s) older than {retention_days()} days deleted"
