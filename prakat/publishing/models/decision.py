"""The decisions taken on a publication request: the electronic form of the signatures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from prakat.publishing.models.publication_request import PublicationRequest


class RejectionReason(models.TextChoices):
    """The reasons the seeds name for sending a request back, and "other" with text."""

    NOT_RELATED = "not_related", _("Not related to the agency's mission")
    FILE_FORMAT = "file_format", _("File not in an allowed format")
    OTHER = "other", _("Other")


class Step(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Unit head approval")
    DIRECTOR = "director", _("Director approval")
    WEBMASTER = "webmaster", _("Webmaster check and publication")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Sent back for changes")


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
        return f"{self.get_step_display()}: {self.get_outcome_display()} ({self.actor_name})"

    @property
    def reason_text(self) -> str:
        if self.reason == RejectionReason.OTHER:
            return self.detail
        if self.reason:
            label = self.get_reason_display()
            return f"{label}: {self.detail}" if self.detail else label
        return self.detail
