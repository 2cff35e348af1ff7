"""The evidence of ITA indicator MOIT 1, the agency's system for publishing on its website,
for one Thai fiscal year, as one PDF.

The assessors ask for the publication framework (what is published, the steps, their time
standards and who is responsible), the filled request form of each item published, and the
year's monthly monitoring reports. All three are printed from the records, so the bundle is
one click instead of a folder gathered by hand.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from prakat.agency.models import Agency, display_name, with_positions
from prakat.agency.roles import Role
from prakat.content.checklist import ChecklistEntry, load_checklist
from prakat.content.pdf import render_pdf
from prakat.publishing import routing
from prakat.publishing.models import MonthlyReport, PublicationRequest
from prakat.publishing.monitoring import monitoring_pdf
from prakat.publishing.monthly_report import generate_monthly_report
from prakat.publishing.printing import request_form_pdf
from prakat.publishing.timing import format_standard
from prakat.thai.calendar import fiscal_year_months, fiscal_year_period
from prakat.thai.dates import be_year, format_month


@dataclass(frozen=True)
class CategoryTypes:
    """One top category of the checklist and the kinds of information filed under it."""

    top: ChecklistEntry
    entries: list[ChecklistEntry]


@dataclass(frozen=True)
class Responsible:
    category: str
    steps: str
    units: str
    reviewer: str
    publishers: str


def _category_title(checklist, key: str) -> str:
    """A matrix row's category as the checklist names it (the key for one no longer in it)."""
    return checklist.by_key[key].title_th if key in checklist else key


def framework_context(agency: Agency) -> dict:
    """The publication framework as the assessors read it: types, steps, standards, people."""
    checklist = load_checklist()
    types = [CategoryTypes(top, checklist.children(top.key)) for top in checklist.top()]
    responsibilities = [
        Responsible(
            category=_category_title(checklist, row.category_key),
            steps=row.steps,
            units=row.responsible_label(),
            reviewer=row.reviewer,
            publishers=row.publishers_label(),
        )
        for row in agency.responsibilities.prefetch_related("responsible_units")
    ]
    steps = [
        (_("The requester prepares the request form"), format_standard(agency.prepare_minutes)),
        (
            _("%(approver)s approves or sends it back")
            % {"approver": routing.approver_label(agency)},
            format_standard(agency.approve_minutes),
        ),
    ]
    if agency.director_approval_required:
        steps.append((_("The director approves"), format_standard(agency.approve_minutes)))
    steps.append(
        (
            _("A webmaster checks, files in its category and publishes"),
            format_standard(agency.publish_minutes),
        )
    )
    return {
        "agency": agency,
        "types": types,
        "steps": steps,
        "responsibilities": responsibilities,
    }


@dataclass(frozen=True)
class PublishingDuty:
    """A row of the order naming who posts and takes down: categories and their people."""

    categories: str
    units: str
    people: list[tuple[str, str]]  # (name, position), as each signs


def _named(users) -> list[tuple[str, str]]:
    named = []
    for user in with_positions(users.filter(is_active=True)).order_by("first_name", "pk"):
        membership = next(iter(user.memberships.all()), None)
        named.append((display_name(user), membership.position if membership else ""))
    return named


def order_context(agency: Agency) -> dict:
    """The order naming who posts information on the website and who takes it down (MOIT 1):
    the webmasters for every category the matrix does not keep from them, and each unit
    that posts its own categories, with its people, from the roles and the matrix."""
    User = get_user_model()
    checklist = load_checklist()
    rows = [
        row
        for row in agency.responsibilities.prefetch_related("responsible_units")
        if row.unit_publishes
    ]

    duties = [
        PublishingDuty(
            categories=_category_title(checklist, row.category_key),
            units=row.responsible_label(),
            people=_named(User.objects.filter(memberships__unit__in=row.units()).distinct()),
        )
        for row in rows
    ]
    kept_from_webmasters = [
        _category_title(checklist, r.category_key) for r in rows if not r.webmasters_publish_too
    ]
    return {
        "agency": agency,
        "webmasters": _named(User.objects.filter(groups__name=Role.WEBMASTER.group_name)),
        "kept_from_webmasters": kept_from_webmasters,
        "duties": duties,
    }


def published_in_fiscal_year(agency: Agency, fiscal_year: int):
    start, end = fiscal_year_period(fiscal_year).instants()
    return (
        PublicationRequest.objects.filter(
            unit__agency=agency, published_at__gte=start, published_at__lt=end
        )
        .select_related("page", "unit__agency")
        .order_by("published_at", "pk")
    )


def reports_of_fiscal_year(
    agency: Agency, fiscal_year: int, today: datetime.date, user=None, *, generate: bool = False
) -> list[MonthlyReport]:
    """The archived report of each month of the year that has ended by ``today`` (the month
    under way has no report yet). A finished month not yet archived is generated and archived
    now when ``generate`` (asked by someone who may generate reports), else left out."""
    archived = {(r.year, r.month): r for r in MonthlyReport.objects.filter(agency=agency)}
    reports = []
    for year, month in fiscal_year_months(fiscal_year):
        if (year, month) >= (today.year, today.month):
            break
        report = archived.get((year, month))
        if report is None and generate:
            report = generate_monthly_report(agency, year, month, user=user)
        if report is not None:
            reports.append(report)
    return reports


def moit1_evidence_pdf(
    agency: Agency,
    fiscal_year: int,
    *,
    today: datetime.date | None = None,
    user=None,
    generate: bool = False,
) -> bytes:
    """Framework, request forms, then monthly reports of ``fiscal_year`` (B.E.), in one PDF:
    the finished months' archived reports, the missing ones generated first if ``generate``."""
    today = today or timezone.localdate()
    publication_requests = list(published_in_fiscal_year(agency, fiscal_year))
    reports = reports_of_fiscal_year(agency, fiscal_year, today, user=user, generate=generate)
    framework = render_pdf(
        "publishing/pdf/moit1_framework.html",
        {
            **framework_context(agency),
            "fiscal_year": fiscal_year,
            "publication_requests": publication_requests,
            "months": [format_month(r.year, r.month) for r in reports],
            "printed_at": timezone.now(),
        },
    )
    order = render_pdf(
        "publishing/pdf/moit1_order.html",
        {**order_context(agency), "signed_on": today, "year_be": be_year(today)},
    )
    # Loaded when a bundle is made, not in every web worker (some 7 MB each).
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.append(io.BytesIO(framework))
    writer.append(io.BytesIO(order))
    # Last fiscal year's monitoring summary, with the executive's acknowledgement if given.
    writer.append(io.BytesIO(monitoring_pdf(agency, fiscal_year - 1)))
    for publication_request in publication_requests:
        writer.append(io.BytesIO(request_form_pdf(publication_request)))
    for report in reports:
        with report.pdf.open("rb") as file:
            writer.append(io.BytesIO(file.read()))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
