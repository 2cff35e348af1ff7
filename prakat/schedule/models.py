"""The record of scheduled jobs: when each ran, and what failed."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of one scheduled job, kept so staff see that the checks really happen."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        RETRYING = "retrying", _("failed, will retry")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped: the previous run was still going")

    name = models.CharField(_("job"), max_length=100, db_index=True)
    task_id = models.CharField(max_length=64, db_index=True)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    summary = models.TextField(_("result"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"
