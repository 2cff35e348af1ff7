"""The publication request and its records: decisions (the electronic signatures) and the
notifications sent to the people of each request.

The request's journey runs on Wagtail's workflow engine (see ``tasks.py``); these models keep
what the paper form kept: who asked, on behalf of which unit, who approved or rejected and
with what reason, who published, and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import TaskState, WorkflowState

from prakat.agency.models import Agency, Unit
from prakat.content.models import InformationItemPage
from prakat.content.storage import get_private_storage
from prakat.publishing.tasks import (  # noqa: F401  (Django finds task models here)
    DirectorApprovalTask,
    UnitHeadApprovalTask,
    WebmasterPublishTask,
)


class RequestKind(models.TextChoices):
    NEW = "new", _("New item")
    UPDATE = "update", _("Update to an existing item")


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


class PublicationRequest(models.Model):
    """A staff member's request to publish an item, or an update to one."""

    page = models.ForeignKey(
        InformationItemPage,
        on_delete=models.CASCADE,
        related_name="publication_requests",
        verbose_name=_("information item"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RequestKind.choices)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="publication_requests",
        verbose_name=_("requester"),
    )
    # Name and position as they were when the request was made, as on a signed paper form.
    requester_name = models.CharField(_("requester's name"), max_length=255)
    requester_position = models.CharField(_("requester's position"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="publication_requests", verbose_name=_("unit")
    )
    category_key = models.SlugField(
        _("category"),
        max_length=100,
        blank=True,
        help_text=_("The checklist key of the item's category when it was asked for."),
    )
    remarks = models.TextField(_("remarks"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    workflow_state = models.OneToOneField(
        WorkflowState,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publication_request",
    )
    # The urgent path: published on someone's word, their written approval owed afterwards.
    verbal_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved verbally by"),
    )
    verbal_approved_at = models.DateTimeField(_("verbal approval given at"), null=True, blank=True)
    verbal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verbal approval recorded by"),
    )
    written_approved_at = models.DateTimeField(
        _("written approval given at"), null=True, blank=True
    )
    form_opened_at = models.DateTimeField(_("form opened at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    publisher_name = models.CharField(_("publisher's name"), max_length=255, blank=True)
    publisher_position = models.CharField(_("publisher's position"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("publication request")
        verbose_name_plural = _("publication requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.page.draft_title or self.page.title

    @classmethod
    def for_workflow_state(cls, state: WorkflowState) -> PublicationRequest | None:
        """The request a workflow run belongs to.

        A request is saved just before its workflow starts, so the first task may look for it
        before the two are linked: it is then the page's newest unlinked request. A page sent
        into the workflow from Wagtail's own editor gets a request made from its submitter.
        """
        request = cls.objects.filter(workflow_state=state).select_related("unit__agency").first()
        if request is not None:
            return request
        request = (
            cls.objects.filter(page_id=state.object_id, workflow_state__isnull=True)
            .select_related("unit__agency")
            .order_by("-created_at", "-pk")
            .first()
        )
        if request is None:
            request = cls._from_editor_submission(state)
            if request is None:
                return None
        request.workflow_state = state
        request.save(update_fields=["workflow_state"])
        return request

    @classmethod
    def _from_editor_submission(cls, state: WorkflowState) -> PublicationRequest | None:
        from prakat.agency.models import display_name, position_of

        page = InformationItemPage.objects.filter(pk=state.object_id).first()
        user = state.requested_by
        if page is None or user is None:
            return None
        # The owner unit's head decides on every change to its items, whoever asks.
        unit = page.owner_unit
        return cls.objects.create(
            page=page,
            kind=RequestKind.UPDATE if page.live else RequestKind.NEW,
            requester=user,
            requester_name=display_name(user),
            requester_position=position_of(user, unit),
            unit=unit,
        )

    @classmethod
    def for_page(cls, page) -> PublicationRequest | None:
        """The request whose workflow the page is in now, if any."""
        state = page.current_workflow_state if page is not None else None
        return cls.for_workflow_state(state) if state is not None else None

    def category_keys(self) -> list[str]:
        """The checklist keys of the item's category and its parents, top first."""
        from prakat.content.models import CategoryPage

        page = self.page.get_latest_revision_as_object()
        parent = page.get_parent()
        chain = CategoryPage.objects.ancestor_of(parent, inclusive=True).order_by("depth")
        return [c.checklist_key for c in chain if c.checklist_key]

    @property
    def owes_written_approval(self) -> bool:
        return self.verbal_approver_id is not None and self.written_approved_at is None

    @property
    def status_label(self) -> str:
        if self.published_at:
            return str(pgettext_lazy("request status", "Published"))
        state = self.workflow_state
        if state is None:
            return str(_("Not submitted"))
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            return str(_("Sent back for changes"))
        if state.status == WorkflowState.STATUS_CANCELLED:
            return str(_("Withdrawn"))
        if state.status == WorkflowState.STATUS_APPROVED:
            return str(_("Approved, waiting for its publication time"))
        task = state.current_task_state.task if state.current_task_state else None
        return str(_("Waiting: %(step)s") % {"step": task.name}) if task else ""


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


class Notification(models.Model):
    """A message to one person about one request, shown in the admin and sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prakat_notifications"
    )
    # A notification is about a request, or about a published item (coming down, due).
    request = models.ForeignKey(
        PublicationRequest,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message


def _report_file_path(report: MonthlyReport, filename: str) -> str:
    # One folder per agency; the storage adds a suffix when a regenerated file meets the old
    # one, which is deleted once the new one is committed.
    return f"publishing/monthly-reports/{report.agency_id}/{filename}"


class MonthlyReport(models.Model):
    """The archived monthly publishing report (แบบบันทึกรายงานผลการเผยแพร่ข้อมูลผ่านเว็บไซต์)
    of one agency for one month, as PDF and spreadsheet; regenerating replaces the files."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="monthly_reports", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year (C.E.)"))
    month = models.PositiveSmallIntegerField(_("month"))
    generated_at = models.DateTimeField(_("generated at"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("generated by"),
    )
    # Private: the reports name staff; they are handed out by a view that checks who asks.
    pdf = models.FileField(_("PDF file"), upload_to=_report_file_path, storage=get_private_storage)
    xlsx = models.FileField(
        _("spreadsheet"), upload_to=_report_file_path, storage=get_private_storage
    )

    class Meta:
        verbose_name = _("monthly publishing report")
        verbose_name_plural = _("monthly publishing reports")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month"], name="monthly_report_unique_per_month"
            )
        ]

    def __str__(self) -> str:
        from prakat.publishing.monthly_report import month_label

        return f"{self.agency}: {month_label(self.year, self.month)}"
