"""The month's procurement summary (แบบ สขร.1) as data: the procurement unit enters each
procurement of the month in the form's nine columns, or says there was none; Prakat prints it
in the official layout (PDF and XLSX) and asks to publish it as the month's item."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from prakat.agency.models import Agency, Unit
from prakat.thai.calendar import Period, month_period
from prakat.thai.dates import format_month

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class ProcurementMethod(models.TextChoices):
    """The methods of the Public Procurement Act B.E. 2560, s. 55."""

    E_MARKET = "e-market", _("Open invitation (e-market)")
    E_BIDDING = "e-bidding", _("Open invitation (e-bidding)")
    PRICE_INQUIRY = "price-inquiry", _("Open invitation (price inquiry)")
    SELECTION = "selection", _("Selection")
    SPECIFIC = "specific", _("Specific method")


class ProcurementSummary(ClusterableModel):
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    month = models.DateField(_("month"), help_text=_("Any day of the month the summary covers."))
    no_procurement = models.BooleanField(
        _("no procurement this month"),
        default=False,
        help_text=_("Tick when the agency bought and hired nothing in the month."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    publication_request = models.ForeignKey(
        "publishing.PublicationRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publication request"),
    )

    class Meta:
        verbose_name = _("monthly procurement summary (form SKhR 1)")
        verbose_name_plural = _("monthly procurement summaries (form SKhR 1)")
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "month"], name="one_procurement_summary_a_month"
            )
        ]

    def __str__(self) -> str:
        return str(_("Procurement summary of %(month)s")) % {
            "month": format_month(self.month.year, self.month.month)
        }

    def save(self, *args, **kwargs) -> None:
        if self.month:
            self.month = self.month.replace(day=1)  # a month is kept as its first day
        super().save(*args, **kwargs)

    @property
    def period(self) -> Period:
        return month_period(self.month.year, self.month.month)


class ProcurementRow(Orderable):
    summary = ParentalKey(ProcurementSummary, on_delete=models.CASCADE, related_name="rows")
    work = models.CharField(_("work procured"), max_length=500)
    budget = models.DecimalField(_("budget (baht)"), **AMOUNT)
    median_price = models.DecimalField(_("median price (baht)"), **AMOUNT)
    method = models.CharField(
        _("procurement method"), max_length=20, choices=ProcurementMethod.choices
    )
    bidders = models.TextField(
        _("bidders and their prices"),
        help_text=_("One bidder a line: name and price offered."),
    )
    winner = models.CharField(_("selected bidder"), max_length=255)
    winner_price = models.DecimalField(_("agreed price (baht)"), **AMOUNT)
    reason = models.TextField(_("reason for the selection, in brief"))
    contract_number = models.CharField(_("contract or agreement number"), max_length=100)
    contract_date = models.DateField(_("contract or agreement date"))

    class Meta(Orderable.Meta):
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
