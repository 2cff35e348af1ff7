"""How long the traffic log is kept, and deleting what is older."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prakat.audit import traffic
from prakat.audit.models import MINIMUM_RETENTION_DAYS, AuditSettings, SealedSegment


def retention_days() -> int:
    """The longest period any agency on this install asks for; never below the legal 90."""
    longest = AuditSettings.objects.aggregate(days=Max("traffic_retention_days"))["days"]
    return max(longest or 0, MINIMUM_RETENTION_DAYS)


def purge(today: datetime.date) -> list[datetime.date]:
    """Delete the sealed days older than the retention period; their seals stay in the
    database, so the first day kept can still be checked against the one before it."""
    oldest_kept = today - datetime.timedelta(days=retention_days())
    purged = []
    for day in traffic.sealed_days():
        if day >= oldest_kept:
            break
        with transaction.atomic():
            SealedSegment.objects.filter(day=day, purged_at__isnull=True).update(
                purged_at=timezone.now()
            )
            traffic.segment_path(day).unlink(missing_ok=True)
            traffic.seal_path(day).unlink(missing_ok=True)
        purged.append(day)
    return purged
