"""The written approvals an urgent request owes: one for each approval step it passed on the
way to publication before anyone signed.

A verbal approval counts for the step of the person who gave it and nobody else's; every
step the agency requires is owed in writing by whoever holds that step (its unit head, the
head of the unit that runs the website, the director), and nobody else may give it.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from prakat.agency.roles import Role, user_has_role
from prakat.publishing import routing
from prakat.publishing.choices import Step
from prakat.publishing.models.publication_request import PublicationRequest


class WrittenApproval(models.Model):
    """One approval step of an urgent request, owed in writing until its holder gives it."""

    request = models.ForeignKey(
        PublicationRequest, on_delete=models.CASCADE, related_name="written_approvals"
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    verbal_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved verbally by"),
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved in writing by"),
    )
    given_at = models.DateTimeField(_("written approval given at"), null=True, blank=True)

    class Meta:
        verbose_name = _("written approval")
        verbose_name_plural = _("written approvals")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "step"], name="one_written_approval_a_step")
        ]

    def __str__(self) -> str:
        return self.step_name

    @property
    def step_name(self) -> str:
        return routing.step_name(self.step, self.request.unit.agency)

    def held_by(self, user) -> bool:
        """Does ``user`` hold this step of the request, and so owe or give its approval?"""
        return holds_step(self.request, self.step, user)


def holds_step(publication_request: PublicationRequest, step: str, user) -> bool:
    """May ``user`` approve ``publication_request`` at ``step``? Never its requester or its
    publisher."""
    if user.pk in (publication_request.requester_id, publication_request.published_by_id):
        return False
    if step == Step.UNIT_HEAD:
        return routing.may_approve(publication_request, user)
    if step == Step.DIRECTOR:
        return user_has_role(user, Role.DIRECTOR)
    return False


def holders(publication_request: PublicationRequest, step: str) -> list:
    """Everyone who holds ``step`` of the request: who owes its written approval."""
    if step == Step.UNIT_HEAD:
        people = routing.approvers(publication_request)
    else:
        people = get_user_model().objects.filter(
            groups__name=Role.DIRECTOR.group_name, is_active=True
        )
    return [p for p in people.distinct() if holds_step(publication_request, step, p)]


def open_approval_steps(publication_request: PublicationRequest) -> list[str]:
    """The approval steps the request has still to pass: from its current step, the
    director's too where the agency requires it."""
    state = publication_request.workflow_state
    task_state = state.current_task_state if state is not None else None
    step = getattr(task_state.task.specific, "step", "") if task_state is not None else ""
    if step == Step.UNIT_HEAD:
        required = publication_request.unit.agency.director_approval_required
        return [Step.UNIT_HEAD, Step.DIRECTOR] if required else [Step.UNIT_HEAD]
    return [Step.DIRECTOR] if step == Step.DIRECTOR else []
