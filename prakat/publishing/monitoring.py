"""Last fiscal year's monitoring summary of website publication (MOIT 1): month by month,
what was put online, updated and taken down, from the same rows as the monthly reports; and
the executive's acknowledgement of it, given in the admin and recorded like an approval."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prakat.agency.models import Agency, display_name, position_of
from prakat.agency.refusal import holds, require
from prakat.agency.rights import right
from prakat.content.pdf import render_pdf
from prakat.publishing.models import MonitoringAcknowledgement
from prakat.publishing.monthly_report import Totals, build_monthly_report
from prakat.thai.calendar import fiscal_year, fiscal_year_months
from prakat.thai.dates import format_month


@dataclass(frozen=True)
class MonitoringSummary:
    agency: Agency
    fiscal_year: int  # B.E.
    months: list[tuple[str, Totals]]
    acknowledgement: MonitoringAcknowledgement | None

    @property
    def totals(self) -> Totals:
        total = Totals()
        for _label, month in self.months:
            total.published += month.published
            total.updated += month.updated
            total.taken_down += month.taken_down
        return total


def monitoring_summary(agency: Agency, year: int) -> MonitoringSummary:
    """The fiscal year ``year`` (B.E.) month by month, counted as its monthly reports count."""
    months = [
        (format_month(y, m), build_monthly_report(agency, y, m).totals)
        for y, m in fiscal_year_months(year)
    ]
    acknowledgement = MonitoringAcknowledgement.objects.filter(
        agency=agency, fiscal_year=year
    ).first()
    return MonitoringSummary(agency, year, months, acknowledgement)


ACKNOWLEDGE = right("acknowledge_monitoring")


def may_acknowledge(user) -> bool:
    """The agency's executive (the director's role holds the right)."""
    return holds(user, ACKNOWLEDGE)


def acknowledge(agency: Agency, year: int, user) -> MonitoringAcknowledgement:
    """``user`` acknowledges fiscal year ``year``'s summary, once the year has ended."""
    require(user, ACKNOWLEDGE)
    if year >= fiscal_year(timezone.localdate()):
        raise ValidationError(_("A fiscal year is acknowledged once it has ended."))
    try:
        with transaction.atomic():
            return MonitoringAcknowledgement.objects.create(
                agency=agency,
                fiscal_year=year,
                acknowledged_by=user,
                name=display_name(user),
                position=position_of(user),
                acknowledged_at=timezone.now(),
            )
    except IntegrityError:
        raise ValidationError(
            _("The summary of fiscal year %(year)d was acknowledged already.") % {"year": year}
        ) from None


def monitoring_pdf(agency: Agency, year: int) -> bytes:
    return render_pdf(
        "publishing/pdf/monitoring_summary.html", {"summary": monitoring_summary(agency, year)}
    )
