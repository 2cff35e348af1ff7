"""Keeping the survey's promise to the public (PDPA): comments are blanked after the period the
form states, and the day's visitor keys are gone the next day."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from huey import crontab

from prakat.schedule.jobs import scheduled_job
from prakat.survey.answers import COMMENT_RETENTION_DAYS
from prakat.survey.models import SurveyResponse, SurveyVisitorKey


def apply_retention(now: datetime.datetime | None = None) -> tuple[int, int]:
    """Blank comments older than the retention period and delete keys of earlier days.

    Returns how many comments were blanked and how many keys deleted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        blanked = (
            SurveyResponse.objects.filter(
                submitted_at__lt=now - datetime.timedelta(days=COMMENT_RETENTION_DAYS)
            )
            .exclude(comment="")
            .update(comment="")
        )
        deleted, _ = SurveyVisitorKey.objects.filter(day__lt=timezone.localdate(now)).delete()
    return blanked, deleted


# The queue keeps time in UTC: 17:10 UTC is 00:10 in Bangkok, just after the day has turned.
@scheduled_job("survey-comment-retention", crontab(hour="17", minute="10"))
def survey_comment_retention() -> str:
    blanked, deleted = apply_retention()
    return f"comments blanked: {blanked}, visitor keys deleted: {deleted}"
