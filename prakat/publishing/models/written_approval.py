"""The written approvals an urgent request owes: one for each approval step it passed on the
way to publication before anyone signed.

A verbal approval counts for the step of the person who gave it and nobody else's; every
step the agency requires is owed in writing by whoever holds that step (its unit head, the
head of the unit that runs the website, the director), and nobody else may give it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
        return routing.holds_step(self.request, self.step, user)
