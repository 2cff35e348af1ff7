"""How long each step of a request took, against the agency's time standard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState

from prakat.publishing.models import PublicationRequest, Step


@dataclass(frozen=True)
class StepTime:
    label: str
    started: datetime.datetime | None
    finished: datetime.datetime | None
    standard_minutes: int | None  # None: "continuously", no limit

    @property
    def took(self) -> datetime.timedelta | None:
        if self.started is None:
            return None
        return (self.finished or timezone.now()) - self.started

    @property
    def within_standard(self) -> bool | None:
        if self.took is None or self.standard_minutes is None:
            return None
        return self.took <= datetime.timedelta(minutes=self.standard_minutes)


def format_duration(delta: datetime.timedelta | None) -> str:
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(_("%(n)d days") % {"n": days})
    if hours:
        parts.append(_("%(n)d hours") % {"n": hours})
    if minutes or not parts:
        parts.append(_("%(n)d minutes") % {"n": minutes})
    return " ".join(parts)


def format_standard(minutes: int | None) -> str:
    return _("continuously") if minutes is None else _("%(n)d minutes") % {"n": minutes}


def step_times(publication_request: PublicationRequest) -> list[StepTime]:
    agency = publication_request.unit.agency
    standards = {
        Step.UNIT_HEAD: agency.approve_minutes,
        Step.REVIEWER: agency.approve_minutes,
        Step.DIRECTOR: agency.approve_minutes,
        Step.WEBMASTER: agency.publish_minutes,
    }
    times = [
        StepTime(
            _("Requester prepares the request"),
            publication_request.form_opened_at,
            publication_request.created_at if publication_request.form_opened_at else None,
            agency.prepare_minutes,
        )
    ]
    if publication_request.workflow_state_id is None:
        return times
    states = (
        TaskState.objects.filter(workflow_state_id=publication_request.workflow_state_id)
        .exclude(status__in=[TaskState.STATUS_SKIPPED, TaskState.STATUS_CANCELLED])
        .select_related("task")
        .order_by("started_at", "pk")
    )
    for state in states:
        task = state.task.specific
        step = getattr(task, "step", "")
        times.append(StepTime(task.name, state.started_at, state.finished_at, standards.get(step)))
    return times
