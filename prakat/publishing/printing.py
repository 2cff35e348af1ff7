"""The paper the assessors ask for, printed from the records: the request form and the memo."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone

from prakat.content.pdf import render_pdf
from prakat.publishing.models import Decision, Outcome, PublicationRequest, Step


def standing_approvals(publication_request: PublicationRequest) -> list[Decision]:
    """The approvals that stand: the last approving decision of each approval step."""
    latest = {}
    for decision in publication_request.decisions.filter(outcome=Outcome.APPROVED):
        latest[decision.step] = decision
    return [latest[s] for s in (Step.UNIT_HEAD, Step.REVIEWER, Step.DIRECTOR) if s in latest]


def _context(publication_request: PublicationRequest) -> dict:
    page = publication_request.page.get_latest_revision_as_object()
    return {
        "publication_request": publication_request,
        "agency": publication_request.unit.agency,
        "page": page,
        "category": page.get_parent(),
        "attachments": [a.document for a in page.attachments.all()],
        "approvals": standing_approvals(publication_request),
        "decisions": list(publication_request.decisions.all()),
        "public_url": page.full_url if publication_request.page.live else "",
    }


def request_form_pdf(publication_request: PublicationRequest) -> bytes:
    """แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์, filled in, with its electronic approvals."""
    return render_pdf("publishing/pdf/request_form.html", _context(publication_request))


def memo_pdf(publication_requests: Sequence[PublicationRequest]) -> bytes:
    """บันทึกข้อความ asking the head of the agency to approve publishing one or more requests."""
    first = publication_requests[0]
    return render_pdf(
        "publishing/pdf/memo.html",
        {
            "publication_requests": [_context(r) for r in publication_requests],
            "agency": first.unit.agency,
            "unit": first.unit,
            "requester": first,
            "memo_date": min(r.created_at for r in publication_requests)
            if publication_requests
            else timezone.now(),
        },
    )
