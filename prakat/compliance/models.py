"""What compliance remembers: the renewal reminders already sent and the indicator files
imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prakat.agency.models import Agency


class RenewalReminder(models.Model):
    """One reminder that an entry is due, sent once per renewal period.

    The daily job runs every morning; this record is why people hear about a missing
    monthly summary once in the month rather than every day of it.
    """

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    entry_key = models.SlugField(_("checklist key"), max_length=100)
    period_start = models.DateField(_("first day of the period"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "entry_key", "period_start"],
                name="renewal_reminder_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_key} {self.period_start:%Y-%m-%d}"


class IndicatorFile(models.Model):
    """A fiscal year's ITA indicator file as an administrator imported it.

    Kept in the database, not the code folder, so every machine of an install reads the same
    year and an upgrade never overwrites it; it stands before the file Prakat ships for the
    same year (:mod:`prakat.compliance.indicators`).
    """

    fiscal_year = models.PositiveIntegerField(_("fiscal year"), unique=True)
    content = models.TextField(_("file content"))
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("ITA indicator file")
        verbose_name_plural = _("ITA indicator files")
        ordering = ["fiscal_year"]

    def __str__(self) -> str:
        return str(_("ITA indicators, fiscal year %(year)d") % {"year": self.fiscal_year})
