"""The decisions taken on a publication request: the electronic form of the signatures.

A decision is recorded, and its task moved on, inside the transaction of the task's action
(``PublicationTask.on_action`` in ``tasks``): the approver's name and position, the webmaster's
filing of the item in its category, the check for personal data, the publication time, and the
urgent path's verbal approvals.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.actions.move_page import MovePageAction
from wagtail.models import TaskState, WorkflowTask

from prakat.agency.models import display_name, position_of
from prakat.content.going_live import publication_authorised
from prakat.content.models import CategoryPage
from prakat.content.personal_data import scan_item
from prakat.publishing import routing
from prakat.publishing.choices import Outcome, RejectionReason, Step
from prakat.publishing.models.notification import Notification
from prakat.publishing.models.publication_request import PublicationRequest
from prakat.publishing.models.written_approval import WrittenApproval
from prakat.publishing.publishers import approvers
from prakat.publishing.routing import holders, holds_step, open_approval_steps


class Decision(models.Model):
    """One approval or rejection at one step: the electronic form of a signature."""

    request = models.ForeignKey(
        PublicationRequest, on_delete=models.CASCADE, related_name="decisions"
    )
    task_state = models.ForeignKey(
        TaskState, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    actor_name = models.CharField(_("name"), max_length=255)
    actor_position = models.CharField(_("position"), max_length=255, blank=True)
    reason = models.CharField(
        _("reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    detail = models.TextField(_("detail"), blank=True)
    verbal = models.BooleanField(_("given verbally"), default=False)
    personal_data_confirmed = models.BooleanField(
        _("published despite personal data found"), default=False
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.step_name}: {self.get_outcome_display()} ({self.actor_name})"

    @property
    def step_name(self) -> str:
        """The step as the request's agency calls it."""
        return routing.step_name(self.step, self.request.unit.agency)

    @property
    def reason_text(self) -> str:
        if self.reason == RejectionReason.OTHER:
            return self.detail
        if self.reason:
            label = self.get_reason_display()
            return f"{label}: {self.detail}" if self.detail else label
        return self.detail


def publication_request_for_task_state(task_state: TaskState) -> PublicationRequest:
    # A page sent in from Wagtail's editor gets its request here; anything else in the
    # workflow that is not an information item has none and cannot be decided on.
    publication_request = PublicationRequest.for_workflow_state(task_state.workflow_state)
    if publication_request is None:
        raise PublicationRequest.DoesNotExist
    return PublicationRequest.objects.select_for_update().get(pk=publication_request.pk)


def _record(
    task, task_state, publication_request, user, outcome, reason="", detail="", verbal=False
) -> Decision:
    return Decision.objects.create(
        request=publication_request,
        task_state=task_state,
        step=task.step,
        outcome=outcome,
        actor=user,
        actor_name=display_name(user),
        actor_position=position_of(user),
        reason=reason,
        detail=detail,
        verbal=verbal,
    )


def next_step_after(task_state: TaskState):
    """The workflow's step after ``task_state``'s, in the workflow's order, or None."""
    current = WorkflowTask.objects.filter(
        workflow_id=task_state.workflow_state.workflow_id, task_id=task_state.task_id
    ).first()
    if current is None:
        return None
    following = (
        WorkflowTask.objects.filter(
            workflow_id=current.workflow_id, sort_order__gt=current.sort_order, task__active=True
        )
        .select_related("task")
        .order_by("sort_order")
        .first()
    )
    return following.task if following is not None else None


def pass_step(task_state: TaskState, user, comment: str = "") -> None:
    """Approve ``task_state`` and start the step after it.

    Wagtail would start the first step not yet approved in this run. A request sent back and
    fixed runs every step again from the first (``submission.resubmit``): the fixed item is
    approved afresh before it is published, so the steps follow the workflow's order, not
    what an earlier round approved.
    """
    task_state.approve(user=user, update=False, comment=comment)
    state = task_state.workflow_state
    state.refresh_from_db()
    state.update(user=user, next_task=next_step_after(task_state))


def reject(task, task_state, publication_request, user, reason="", detail="", **kwargs) -> Decision:
    decision = _record(
        task, task_state, publication_request, user, Outcome.REJECTED, reason, detail
    )
    task_state.reject(user=user, comment=decision.reason_text)
    return decision


def file_in_category(publication_request: PublicationRequest, category_pk: int, user) -> None:
    """The webmaster files the item where it belongs before publishing it."""
    page = publication_request.page.specific
    target = CategoryPage.objects.get(pk=category_pk)
    if page.get_parent().pk == target.pk:
        return
    # Items may not be published from the editor, so the editor's move check would refuse;
    # this is the webmaster's own publishing step.
    with publication_authorised():
        MovePageAction(page, target, pos="last-child", user=user).execute(
            skip_permission_checks=True
        )
    publication_request.category_key = target.checklist_key
    publication_request.save(update_fields=["category_key"])


def check_personal_data(publication_request: PublicationRequest, confirmed: bool) -> int:
    """Refuse to publish an item holding personal data unless the publisher confirmed it."""
    page = publication_request.page.get_latest_revision_as_object()
    findings = scan_item(page, publication_request.unit.agency)
    if findings and not confirmed:
        raise PermissionDenied(
            gettext(
                "%(count)d pieces of personal data were found in this item. Check them, then "
                "tick the confirmation to publish it anyway."
            )
            % {"count": len(findings)}
        )
    return len(findings)


def approve(
    task,
    task_state,
    publication_request,
    user,
    comment: str = "",
    go_live_at: datetime.datetime | None = None,
    confirm_personal_data: bool = False,
    category: int | None = None,
    **kwargs,
) -> Decision:
    if task.step == "webmaster":
        refuse_approver_as_publisher(publication_request, user)
    if task.step == "webmaster" and category:
        file_in_category(publication_request, category, user)
    found = (
        check_personal_data(publication_request, confirm_personal_data)
        if task.step == "webmaster"
        else 0
    )
    decision = _record(
        task, task_state, publication_request, user, Outcome.APPROVED, detail=comment
    )
    if found:
        decision.personal_data_confirmed = True
        decision.detail = " ".join(
            filter(None, [comment, gettext("Published despite %(count)d findings of personal "
                                           "data, after checking them.") % {"count": found}])
        )  # fmt: skip
        decision.save(update_fields=["personal_data_confirmed", "detail"])
    if task.step == "webmaster":
        publication_request.published_by = user
        publication_request.publisher_name = decision.actor_name
        publication_request.publisher_position = decision.actor_position
        publication_request.published_at = go_live_at or timezone.now()
        publication_request.save(
            update_fields=["published_by", "publisher_name", "publisher_position", "published_at"]
        )
        if go_live_at and go_live_at > timezone.now():
            # Wagtail publishes the latest revision when the workflow ends; one that carries a
            # future go-live time is scheduled instead of going live at once.
            page = publication_request.page.get_latest_revision_as_object()
            page.go_live_at = go_live_at
            revision = page.save_revision(user=user, log_action=False)
            task_state.revision = revision
            task_state.save(update_fields=["revision"])
    pass_step(task_state, user, comment)
    return decision


def refuse_approver_as_publisher(publication_request: PublicationRequest, user) -> None:
    """The one who publishes checks what others approved: never their own approval."""
    if approvers(publication_request).filter(actor=user).exists():
        raise PermissionDenied(
            gettext(
                "The publisher cannot be an approver of the same request: you approved this "
                "request, so another webmaster publishes it."
            )
        )


def publish_urgently(
    task_state: TaskState,
    publication_request: PublicationRequest,
    webmaster,
    verbal_approver=None,
    verbal_approved_at: datetime.datetime | None = None,
    confirm_personal_data: bool = False,
    **kwargs,
) -> None:
    """Publish now on ``verbal_approver``'s word. The word counts for the approval steps the
    approver holds and nobody else's; every step still open is owed in writing by whoever
    holds it (``WrittenApproval``)."""
    steps = open_approval_steps(publication_request)
    agency = publication_request.unit.agency
    if verbal_approver is not None and verbal_approver.pk == webmaster.pk:
        raise PermissionDenied(
            gettext(
                "The publisher cannot be an approver of the same request: the verbal approval "
                "must come from someone else."
            )
        )
    if verbal_approver is None or not any(
        holds_step(publication_request, step, verbal_approver) for step in steps
    ):
        raise PermissionDenied(
            gettext(
                "The verbal approval must come from someone who holds an approval step of "
                "this request still open: %(steps)s."
            )
            % {"steps": ", ".join(routing.step_name(s, agency) for s in steps)}
        )
    refuse_approver_as_publisher(publication_request, webmaster)
    publication_request.verbal_approver = verbal_approver
    publication_request.verbal_approved_at = verbal_approved_at or timezone.now()
    publication_request.verbal_recorded_by = webmaster
    publication_request.save(
        update_fields=["verbal_approver", "verbal_approved_at", "verbal_recorded_by"]
    )
    note = gettext("Verbal approval, recorded by %(webmaster)s") % {
        "webmaster": display_name(webmaster)
    }
    owed_note = gettext("Passed for an urgent publication; its approval is owed in writing")
    state = task_state
    owed_by_others = []
    # Every approval step still open is passed, on the approver's word where it is theirs,
    # then the webmaster's own step publishes the item.
    while (step := getattr(state.task.specific, "step", "")) in (
        Step.UNIT_HEAD,
        Step.REVIEWER,
        Step.DIRECTOR,
    ):
        spoke = holds_step(publication_request, step, verbal_approver)
        WrittenApproval.objects.create(
            request=publication_request, step=step, verbal_by=verbal_approver if spoke else None
        )
        if spoke:
            _record(state.task.specific, state, publication_request, verbal_approver,
                    Outcome.APPROVED, detail=note, verbal=True)  # fmt: skip
            pass_step(state, verbal_approver, note)
        else:
            owed_by_others.append(step)
            pass_step(state, None, owed_note)
        state = TaskState.objects.get(pk=state.workflow_state.current_task_state_id)
    approve(state.task.specific, state, publication_request, webmaster,
            confirm_personal_data=confirm_personal_data)  # fmt: skip
    Notification.send(
        [verbal_approver],
        gettext(
            "“%(title)s” was published urgently on your verbal approval. "
            "Please confirm your approval in writing."
        )
        % {"title": publication_request},
        publication_request=publication_request,
    )
    for step in owed_by_others:
        Notification.send(
            holders(publication_request, step),
            gettext(
                "“%(title)s” was published urgently on the verbal approval of %(approver)s. "
                "Your written approval is owed: %(step)s."
            )
            % {
                "title": publication_request,
                "approver": display_name(verbal_approver),
                "step": routing.step_name(step, publication_request.unit.agency),
            },
            publication_request=publication_request,
        )
