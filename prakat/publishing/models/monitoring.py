"""The executive's acknowledgement of a fiscal year's monitoring summary (MOIT 1 asks for
last year's report on website publication with the executive's signed acknowledgement),
recorded electronically like an approval: who, in what position, when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prakat.agency.models import Agency


class MonitoringAcknowledgement(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    # As the person signed on the day: names and positions change later.
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"))

    class Meta:
        verbose_name = _("acknowledgement of the monitoring summary")
        verbose_name_plural = _("acknowledgements of the monitoring summary")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year"], name="one_acknowledgement_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}: {self.name}"
