"""What must survive a backup and restore, as plain data both sides can compare."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from prakat.content.models import AgencyDocument
from prakat.publishing.models import Decision, PublicationRequest


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def fingerprint() -> dict:
    documents = []
    for document in AgencyDocument.objects.order_by("pk"):
        with document.open_file() as f:
            documents.append([document.pk, document.title, hashlib.sha256(f.read()).hexdigest()])
    from prakat.publishing.models import MonthlyReport

    reports = []
    for report in MonthlyReport.objects.order_by("pk"):
        with report.pdf.open("rb") as f:
            reports.append(
                [report.pk, report.year, report.month, hashlib.sha256(f.read()).hexdigest()]
            )
    return {
        "monthly_reports": reports,
        "pages": list(
            Page.objects.order_by("pk").values_list("pk", "path", "title", "live", "url_path")
        ),
        "revisions": [
            [r.pk, r.object_id, _digest(r.content)] for r in Revision.objects.order_by("pk")
        ],
        "requests": list(
            PublicationRequest.objects.order_by("pk").values_list(
                "pk", "page_id", "requester__username", "unit__name", "urgent", "published_at"
            )
        ),
        "decisions": Decision.objects.count(),
        "documents": documents,
        "users": [
            [u.username, u.password, sorted(g.name for g in u.groups.all())]
            for u in get_user_model().objects.order_by("username")
        ],
        "page_log": list(
            PageLogEntry.objects.order_by("pk").values_list("pk", "action", "page_id")
        ),
        "model_log": list(ModelLogEntry.objects.order_by("pk").values_list("pk", "action")),
    }
