"""The agency's own publishing guideline, as a public page, from its configuration.

Agencies used to type this table (topic, steps, responsible, reviewer) and the step/time
table by hand; here it is the responsibility matrix and the time standards, as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Site

from prakat.agency.models import Agency
from prakat.content.checklist import load_checklist
from prakat.publishing import routing
from prakat.publishing.timing import format_standard


@dataclass(frozen=True)
class StepRow:
    number: int
    process: str
    time: str
    responsible: str


def step_rows(agency: Agency) -> list[StepRow]:
    rows = [
        (_("Prepare the information and fill in the request form"), agency.prepare_minutes,
         _("The staff member who wants to publish")),
        (_("Check and approve the request"), agency.approve_minutes,
         routing.approver_label(agency)),
    ]  # fmt: skip
    if agency.responsibilities.filter(reviewing_units__isnull=False).exists():
        rows.append(
            (_("Check the approved information"), agency.approve_minutes,
             _("The head of the category's reviewing unit"))
        )  # fmt: skip
    if agency.director_approval_required:
        rows.append((_("Approve the request"), agency.approve_minutes, agency.addressed_head))
    rows.append(
        (_("Check completeness, file in the right category and publish"),
         agency.publish_minutes, _("The webmaster"))
    )  # fmt: skip
    return [
        StepRow(n, process, format_standard(minutes), who)
        for n, (process, minutes, who) in enumerate(rows, start=1)
    ]


def matrix_rows(agency: Agency) -> list[dict]:
    checklist = load_checklist()
    rows = []
    for row in agency.responsibilities.prefetch_related("responsible_units", "reviewing_units"):
        entry = checklist.by_key.get(row.category_key)
        rows.append(
            {
                "topic": entry.title_th if entry else row.category_key,
                "steps": row.steps,
                "responsible": row.responsible_label(),
                "reviewer": row.reviewer
                or ", ".join(
                    _("The head of %(unit)s") % {"unit": unit.name}
                    for unit in row.reviewing_units.all()
                )
                or "-",
                "publishers": row.publishers_label(),
            }
        )
    return rows


def guideline(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    agency = Agency.for_site(site)
    return TemplateResponse(
        request,
        "publishing/guideline.html",
        {"agency": agency, "matrix": matrix_rows(agency), "steps": step_rows(agency)},
    )
