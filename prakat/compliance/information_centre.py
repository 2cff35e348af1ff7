"""The electronic information centre (ศูนย์ข้อมูลข่าวสารอิเล็กทรอนิกส์): a public page listing
what the Official Information Act s.7 and s.9 require, from the checklist.

Nobody maintains this page: an item filed in a category the checklist maps to a heading
appears under it, and disappears when it comes down.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from prakat.agency.models import Agency
from prakat.compliance.currency import checklist_status
from prakat.content.checklist import OIA_HEADINGS, load_checklist
from prakat.content.models import InformationItemPage

# The Act's own words for each heading (English glosses as msgids, the Act's Thai as msgstr).
HEADING_TEXTS: dict[str, Promise] = {
    "s7-1": _("Structure and organisation of operations"),
    "s7-2": _("Summary of main powers and duties and methods of operation"),
    "s7-3": _("Place of contact for obtaining information or advice on contacting the agency"),
    "s7-4": _(
        "Rules, Cabinet resolutions, orders, circulars, regulations and policies "
        "having general effect on private persons"
    ),
    "s7-5": _("Other information as prescribed by the Official Information Commission"),
    "s9-1": _("Results of consideration or decisions having direct effect on private persons"),
    "s9-2": _("Policies or interpretations not required to be published under section 7 (4)"),
    "s9-3": _("Work plans, projects and annual expenditure budget of the current year"),
    "s9-4": _(
        "Manuals or orders on the working procedures of state officials affecting the rights "
        "and duties of private persons"
    ),
    "s9-5": _("Publications referred to under section 7 paragraph two"),
    "s9-6": _(
        "Concession contracts, monopoly contracts and joint-venture contracts with private "
        "persons for public services"
    ),
    "s9-7": _(
        "Resolutions of the Cabinet or of committees appointed by law or by Cabinet resolution"
    ),
    "s9-8": _("Other information as prescribed by the Commission"),
}
SECTION_TITLES = {
    "s7": _("Information published in the Government Gazette (section 7)"),
    "s9": _("Information available for public inspection (section 9)"),
}


@dataclass
class Heading:
    code: str  # "s9-3"
    label: str  # "มาตรา 9 (3)"
    text: str
    items: list[InformationItemPage]


@dataclass
class Section:
    code: str
    title: str
    headings: list[Heading]


def heading_label(code: str) -> str:
    section, number = code[1:].split("-")
    return str(_("Section %(section)s (%(number)s)")) % {"section": section, "number": number}


def information_centre_sections(agency: Agency, today) -> list[Section]:
    """Each heading of s.7 and s.9 with the live items of the entries mapped to it."""
    checklist = load_checklist()
    statuses = {result.key: result for result in checklist_status(agency, today, checklist)}
    sections: dict[str, Section] = {}
    for code in OIA_HEADINGS:
        prefix = code.split("-")[0]
        section = sections.setdefault(prefix, Section(prefix, str(SECTION_TITLES[prefix]), []))
        items: list[InformationItemPage] = []
        seen: set[int] = set()
        for entry in checklist.for_oia(code):
            for item in statuses[entry.key].items:
                if item.pk not in seen:
                    seen.add(item.pk)
                    items.append(item)
        items.sort(key=lambda i: (i.first_published_at is None, i.first_published_at), reverse=True)
        section.headings.append(Heading(code, heading_label(code), str(HEADING_TEXTS[code]), items))
    return list(sections.values())


def information_centre(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    agency = Agency.for_site(site)
    return TemplateResponse(
        request,
        "compliance/information_centre.html",
        {"agency": agency, "sections": information_centre_sections(agency, timezone.localdate())},
    )
