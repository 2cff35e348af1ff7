"""The steps of a publication request, as Wagtail workflow tasks.

Unit head approves → (director approves, where the agency requires it) → webmaster checks and
publishes. Each task decides who may act on a request (never its requester), records the
decision with the actor's name and position, and takes the task state under a row lock so
two people acting at once produce one outcome.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState, WorkflowState, WorkflowTask

from prakat.agency.models import Membership
from prakat.agency.roles import Role, user_has_role
from prakat.content import request_scope
from prakat.content.models import InformationItemPage, current_run
from prakat.publishing import forms, publishers, routing
from prakat.publishing.models import decision
from prakat.publishing.models.publication_request import PublicationRequest


def open_requests() -> dict[int, PublicationRequest]:
    """The requests whose runs are open (waiting or sent back), by run, read once while a
    request runs: the dashboard, the lists and the page explorer ask about each row's
    request, and those on their way are a few dozen. Empty outside a request."""
    kept = request_scope.table("open publication requests")
    if kept is None:
        return {}
    if not kept:
        kept[None] = None  # read, even when none is open
        kept.update(
            (r.workflow_state_id, r)
            for r in PublicationRequest.objects.filter(
                workflow_state__status__in=[
                    WorkflowState.STATUS_IN_PROGRESS,
                    WorkflowState.STATUS_NEEDS_CHANGES,
                ]
            )
            .select_related("page", "unit__agency")
            .prefetch_related("decisions")
        )
    return kept


class PublicationTask(Task):
    """What every step of a publication request shares."""

    step = ""
    approve_label = _("Approve")
    approve_needs_form = False

    class Meta:
        abstract = True

    # --- starting -------------------------------------------------------------------------

    def start(self, workflow_state, user=None):
        first = self.first_step_after_send_back(workflow_state)
        if first is not None:
            return first.specific.start(workflow_state, user=user)
        if not self.needed_for(workflow_state):
            return self.skip(workflow_state, user)
        return super().start(workflow_state, user=user)

    def needed_for(self, workflow_state) -> bool:
        """Is this step taken for the request? Every step is, but those that say otherwise."""
        return True

    def first_step_after_send_back(self, workflow_state):
        """The workflow's first step, when this later step is started again right after it
        sent the request back: what changed is approved afresh first. Resubmitting does this
        (``submission.resubmit``); so must Wagtail's page editor, which resumes at the step
        that sent it back."""
        latest = workflow_state.task_states.order_by("-pk").first()
        if (
            latest is None
            or latest.task_id != self.pk
            or latest.status != TaskState.STATUS_REJECTED
        ):
            return None
        first = (
            WorkflowTask.objects.filter(workflow_id=workflow_state.workflow_id, task__active=True)
            .select_related("task")
            .order_by("sort_order")
            .first()
        )
        return first.task if first is not None and first.task_id != self.pk else None

    def skip(self, workflow_state, user=None):
        """Recorded as skipped; then the step after it starts, in the workflow's order, not
        Wagtail's first step not yet passed in this run (see ``decision.pass_step``)."""
        skipped = TaskState.objects.create(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=TaskState.STATUS_SKIPPED,
        )
        following = decision.next_step_after(skipped)
        if following is None:
            return skipped
        return following.specific.start(workflow_state, user=user)

    # --- who may act -------------------------------------------------------------------

    def can_decide(self, publication_request, user) -> bool:
        raise NotImplementedError

    def _publication_request_for(self, obj):
        """The request of the item's current run, kept on the item object: Wagtail asks for
        the same item's actions and editor access several times while drawing one row."""
        state = current_run(obj) if obj is not None else None
        if state is None:
            return None
        kept = obj.__dict__.setdefault("_prakat_publication_requests", {})
        if state.pk not in kept:
            publication_request = open_requests().get(
                state.pk
            ) or PublicationRequest.for_workflow_state(state)
            if publication_request is not None and isinstance(obj, InformationItemPage):
                publication_request.page = obj  # the run's object is the request's item
            kept[state.pk] = publication_request
        return kept[state.pk]

    def _may_decide(self, publication_request, user) -> bool:
        if publication_request is None or not user.is_authenticated:
            return False
        # Kept on the request object, by step and person: the answer reads the matrix, the
        # memberships and the decisions, and one screen asks it more than once.
        kept = publication_request.__dict__.setdefault("_prakat_may_decide", {})
        key = (self.pk, user.pk)
        if key not in kept:
            kept[key] = user.pk != publication_request.requester_id and self.can_decide(
                publication_request, user
            )
        return kept[key]

    def get_actions(self, obj, user):
        publication_request = self._publication_request_for(obj)
        actions = []
        if self._may_urgently_publish(publication_request, user):
            actions.append(("publish_urgent", gettext("Publish now on verbal approval"), True))
        if self._may_decide(publication_request, user):
            actions += [
                ("reject", gettext("Send back for changes"), True),
                ("approve", str(self.approve_label), self.approve_needs_form),
            ]
        return actions

    def _may_urgently_publish(self, publication_request, user) -> bool:
        """An urgent request may skip its approval steps on a webmaster's word for them."""
        return (
            publication_request is not None
            and publication_request.urgent
            and self.step in ("unit_head", "reviewer", "director")
            and user.is_authenticated
            and user.pk != publication_request.requester_id
            and user_has_role(user, Role.WEBMASTER)
        )

    def get_form_for_action(self, action):
        if action == "reject":
            return forms.RejectForm
        if action == "publish_urgent":
            return forms.UrgentPublishForm
        return forms.PublishForm if self.approve_needs_form else forms.ApproveForm

    def user_can_access_editor(self, obj, user) -> bool:
        return self._may_decide(self._publication_request_for(obj), user)

    def locked_for_user(self, obj, user) -> bool:
        # Only the people of this step may change the item while it waits for them.
        return not self._may_decide(self._publication_request_for(obj), user)

    # --- acting --------------------------------------------------------------------------

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Lock the task state and read it afresh: whoever comes second finds it decided.
        locked = TaskState.objects.select_for_update().get(pk=task_state.pk)
        if locked.status != TaskState.STATUS_IN_PROGRESS:
            raise PermissionDenied(gettext("This request has already been decided."))
        publication_request = decision.publication_request_for_task_state(locked)
        if action_name == "publish_urgent":
            if not self._may_urgently_publish(publication_request, user):
                raise PermissionDenied(gettext("Only a webmaster may publish an urgent request."))
            decision.publish_urgently(locked, publication_request, user, **kwargs)
            return
        if action_name == "approve" and self.step == "webmaster":
            # Named, not the general refusal: someone who approved it may not publish it.
            decision.refuse_approver_as_publisher(publication_request, user)
        if action_name not in ("approve", "reject") or not self._may_decide(
            publication_request, user
        ):
            raise PermissionDenied(gettext("You may not decide on this request."))
        if action_name == "reject":
            decision.reject(self, locked, publication_request, user, **kwargs)
        else:
            decision.approve(self, locked, publication_request, user, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            workflow_state__publication_request__requester=user
        )
        # A flat queryset: Wagtail ORs these together across tasks, and OR-ing querysets
        # with joins repeats rows (the dashboard listed a request twice).
        return TaskState.objects.filter(pk__in=self.moderatable_by(states, user).values("pk"))

    def moderatable_by(self, states, user):
        raise NotImplementedError

    @staticmethod
    def states_where(states: QuerySet, may_act) -> QuerySet:
        """Of ``states``, those whose request passes ``may_act(publication_request)``: for
        the steps decided by the matrix, asked request by request (only the few waiting)."""
        waiting = list(states.select_related("workflow_state"))
        linked = open_requests()
        if not linked:  # outside a request: the states' requests in one query
            linked = {
                r.workflow_state_id: r
                for r in PublicationRequest.objects.filter(
                    workflow_state__in=[state.workflow_state_id for state in waiting]
                ).select_related("page", "unit__agency")
            }
        # A state not yet linked to its request (``PublicationRequest.for_workflow_state``)
        # is looked up on its own.
        mine = [
            state.pk
            for state in waiting
            if (
                publication_request := linked.get(state.workflow_state_id)
                or PublicationRequest.for_workflow_state(state.workflow_state)
            )
            and may_act(publication_request)
        ]
        return states.filter(pk__in=mine)


class UnitHeadApprovalTask(PublicationTask):
    """The head of the requester's unit approves or sends back."""

    step = "unit_head"

    class Meta:
        verbose_name = _("unit head approval")
        verbose_name_plural = _("unit head approvals")

    def can_decide(self, publication_request, user) -> bool:
        return routing.may_approve(publication_request, user)

    def moderatable_by(self, states, user):
        return routing.approval_states(states, user)

    @classmethod
    def get_description(cls):
        return _("The head of the requester's unit approves or sends the request back")


class ReviewTask(PublicationTask):
    """The category's reviewer checks the approved information (the reviewer column of the
    seeds' tables): a head of one of its reviewing units. Skipped where the category has
    none, or where whoever approved it heads one of them: they have checked it already."""

    step = "reviewer"

    class Meta:
        verbose_name = _("reviewer's check")
        verbose_name_plural = _("reviewer's checks")

    def needed_for(self, workflow_state) -> bool:
        publication_request = PublicationRequest.for_workflow_state(workflow_state)
        if publication_request is None:
            return True
        units = routing.reviewing_units(publication_request)
        approved = publishers.approvers(publication_request).values_list("actor", flat=True)
        return (
            bool(units)
            and not Membership.objects.filter(
                unit__in=units, is_head=True, user__in=approved
            ).exists()
        )

    def can_decide(self, publication_request, user) -> bool:
        return routing.reviews(publication_request, user)

    def moderatable_by(self, states, user):
        # Asked on every dashboard: most people head no reviewing unit, and for them no
        # request need be read.
        heads_a_reviewer = Membership.objects.filter(
            user=user, is_head=True, unit__reviews__isnull=False
        ).exists()
        if not heads_a_reviewer:
            return states.none()
        return self.states_where(states, lambda r: routing.reviews(r, user))

    @classmethod
    def get_description(cls):
        return _("A head of the category's reviewing units checks the approved information")


class DirectorApprovalTask(PublicationTask):
    """The director approves, in agencies that require it; skipped elsewhere."""

    step = "director"

    class Meta:
        verbose_name = _("director approval")
        verbose_name_plural = _("director approvals")

    def needed_for(self, workflow_state) -> bool:
        publication_request = PublicationRequest.for_workflow_state(workflow_state)
        return (
            publication_request is None
            or publication_request.unit.agency.director_approval_required
        )

    def can_decide(self, publication_request, user) -> bool:
        return user_has_role(user, Role.DIRECTOR)

    def moderatable_by(self, states, user):
        return states if user_has_role(user, Role.DIRECTOR) else states.none()

    @classmethod
    def get_description(cls):
        return _("The director approves, where the agency requires it")


class WebmasterPublishTask(PublicationTask):
    """A webmaster checks completeness, files the item and publishes it."""

    step = "webmaster"
    approve_label = _("Publish")
    approve_needs_form = True

    class Meta:
        verbose_name = _("webmaster publication")
        verbose_name_plural = _("webmaster publications")

    def can_decide(self, publication_request, user) -> bool:
        return publishers.may_publish(publication_request, user)

    def moderatable_by(self, states, user):
        if (
            user_has_role(user, Role.WEBMASTER)
            and not publishers.some_category_without_webmasters()
        ):
            return states
        return self.states_where(states, lambda r: publishers.may_publish(r, user))

    @classmethod
    def get_description(cls):
        return _("A webmaster checks the item, files it in its category and publishes it")
