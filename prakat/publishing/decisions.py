"""Recording a decision on a request and moving its task on, in one transaction."""

from __future__ import annotations

import datetime

from django.utils import timezone
from wagtail.models import TaskState

from prakat.agency.models import position_of
from prakat.publishing.models import Decision, Outcome, PublicationRequest


def request_for_task_state(task_state: TaskState) -> PublicationRequest:
    request = PublicationRequest.for_workflow_state(task_state.workflow_state)
    if request is None:  # a page put in the workflow by other means gets a request now
        raise PublicationRequest.DoesNotExist
    return PublicationRequest.objects.select_for_update().get(pk=request.pk)


def _record(task, task_state, request, user, outcome, reason="", detail="") -> Decision:
    return Decision.objects.create(
        request=request,
        task_state=task_state,
        step=task.step,
        outcome=outcome,
        actor=user,
        actor_name=user.get_full_name() or user.get_username(),
        actor_position=position_of(user),
        reason=reason,
        detail=detail,
    )


def reject(task, task_state, request, user, reason="", detail="", **kwargs) -> Decision:
    decision = _record(task, task_state, request, user, Outcome.REJECTED, reason, detail)
    task_state.reject(user=user, comment=decision.reason_text)
    return decision


def approve(
    task,
    task_state,
    request,
    user,
    comment: str = "",
    go_live_at: datetime.datetime | None = None,
    **kwargs,
) -> Decision:
    decision = _record(task, task_state, request, user, Outcome.APPROVED, detail=comment)
    if task.step == "webmaster":
        request.published_by = user
        request.publisher_name = decision.actor_name
        request.publisher_position = decision.actor_position
        request.published_at = go_live_at or timezone.now()
        request.save(
            update_fields=["published_by", "publisher_name", "publisher_position", "published_at"]
        )
        if go_live_at and go_live_at > timezone.now():
            # Wagtail publishes the latest revision when the workflow ends; one that carries a
            # future go-live time is scheduled instead of going live at once.
            page = request.page.get_latest_revision_as_object()
            page.go_live_at = go_live_at
            revision = page.save_revision(user=user, log_action=False)
            task_state.revision = revision
            task_state.save(update_fields=["revision"])
    task_state.approve(user=user, comment=comment)
    return decision
