"""Publishing's models, one concept a module as in Wagtail's own ``wagtail/models/``.

- ``publication_request``: the request, the item it is about and the people who asked;
- ``tasks``: its steps, as Wagtail workflow tasks (unit head, director, webmaster);
- ``decision``: each approval or rejection, with the actor's name and position, and taking one;
- ``notification``: what the people of a request, and of published items, are told;
- ``written_approval``: the approvals an urgent request owes in writing, step by step;
- ``monthly_report``: the archive of monthly publishing reports;
- ``monitoring``: the executive's acknowledgement of a year's monitoring summary;
- ``procurement_summary``: the month's procurement summary (แบบ สขร.1) as data.

Everything is named here too, with the request's words (``choices``), so ``from
prakat.publishing.models import …`` finds it and Django finds every model of the app.
"""

from prakat.publishing.choices import Outcome, RejectionReason, RequestKind, Step
from prakat.publishing.models.decision import Decision
from prakat.publishing.models.monitoring import MonitoringAcknowledgement
from prakat.publishing.models.monthly_report import MonthlyReport, _report_file_path
from prakat.publishing.models.notification import Notification
from prakat.publishing.models.procurement_summary import ProcurementRow, ProcurementSummary
from prakat.publishing.models.publication_request import PublicationRequest
from prakat.publishing.models.tasks import (
    DirectorApprovalTask,
    PublicationTask,
    ReviewTask,
    UnitHeadApprovalTask,
    WebmasterPublishTask,
)
from prakat.publishing.models.written_approval import WrittenApproval

# ``_report_file_path`` is named by the migrations that made the archive's file fields.
__all__ = [
    "Decision",
    "DirectorApprovalTask",
    "MonitoringAcknowledgement",
    "MonthlyReport",
    "Notification",
    "Outcome",
    "ProcurementRow",
    "ProcurementSummary",
    "PublicationRequest",
    "PublicationTask",
    "RejectionReason",
    "RequestKind",
    "ReviewTask",
    "Step",
    "UnitHeadApprovalTask",
    "WebmasterPublishTask",
    "WrittenApproval",
    "_report_file_path",
]
