"""The agency's audit settings and the record of each sealed day of the traffic log."""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# The MDES notification on keeping computer traffic data asks for at least 90 days.
MINIMUM_RETENTION_DAYS = 90


@register_setting(icon="history")
class AuditSettings(BaseSiteSetting):
    traffic_retention_days = models.PositiveIntegerField(
        _("days to keep the computer traffic log"),
        default=MINIMUM_RETENTION_DAYS,
        validators=[
            MinValueValidator(
                MINIMUM_RETENTION_DAYS,
                message=_(
                    "The computer traffic log must be kept for at least %(limit_value)s days "
                    "(Computer Crime Act B.E. 2560 and the MDES notification on keeping "
                    "computer traffic data); a shorter period is not allowed."
                ),
            )
        ],
        help_text=_(
            "At least 90 days, as the law requires; an agency may keep it longer. Days older "
            "than this are deleted automatically every night."
        ),
    )

    panels = [FieldPanel("traffic_retention_days")]

    class Meta:
        verbose_name = _("audit and traffic log")


class SealedSegment(models.Model):
    """One Bangkok day of the traffic log, sealed.

    The same seal is written in the segment's seal file; keeping it in the database as well
    means altering the log unnoticed takes rewriting both, and a day removed from the end of
    the log is still missed.
    """

    day = models.DateField(_("day"), unique=True)
    lines = models.PositiveIntegerField(_("lines"))
    seal = models.CharField(_("seal (SHA-256)"), max_length=64)
    previous_seal = models.CharField(_("previous seal"), max_length=64)
    sealed_at = models.DateTimeField(_("sealed at"), auto_now_add=True)
    purged_at = models.DateTimeField(_("deleted after the retention period at"), null=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("sealed day of the traffic log")
        verbose_name_plural = _("sealed days of the traffic log")

    def __str__(self) -> str:
        return self.day.isoformat()
