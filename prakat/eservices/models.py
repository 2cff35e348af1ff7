"""Complaints and questions from the public, followed by a tracking code: the case, its files
and steps, the named handlers of corruption complaints, and the complaint reports published.

The tables keep the names they had when e-services were part of one "engagement" app
(``db_table``), so existing installs keep their rows where they are.
"""

from __future__ import annotations

import os
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.permission_policies.sites import SitePermissionPolicy

from prakat.agency.models import name_and_position, with_positions
from prakat.agency.roles import Role, user_has_role

# The first migration refers to get_private_storage here.
from prakat.content.storage import get_private_storage, private_storage


class CaseKind(models.TextChoices):
    GENERAL_COMPLAINT = "general", _("General complaint (service)")
    CORRUPTION_COMPLAINT = "corruption", _("Corruption or misconduct complaint")
    # In context: the survey's "Question" is one of its headings (หัวข้อ), this one is asked.
    QUESTION = "question", pgettext_lazy("kind of case", "Question")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")


class Case(models.Model):
    """A complaint or a question from the public, followed by its tracking code."""

    agency = models.ForeignKey(
        "agency.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=CaseKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("details"))
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    unit = models.ForeignKey(
        "agency.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned unit"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_as_qa_at = models.DateTimeField(_("published as Q&A"), null=True, blank=True)
    contact_erased_at = models.DateTimeField(_("contact details erased"), null=True, blank=True)

    class Meta:
        db_table = "engagement_case"
        verbose_name = _("complaint or question")
        verbose_name_plural = _("complaints and questions")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.display_code} {self.subject}"

    @property
    def display_code(self) -> str:
        code = self.tracking_code
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))

    @property
    def is_complaint(self) -> bool:
        return self.kind != CaseKind.QUESTION

    @property
    def is_corruption(self) -> bool:
        return self.kind == CaseKind.CORRUPTION_COMPLAINT

    def public_replies(self) -> models.QuerySet:
        return self.events.filter(action=CaseEvent.Action.REPLIED).order_by("at", "pk")


# The private storage's folder of case attachments; the orphan job looks only in here.
ATTACHMENT_ROOT = "eservices"


def new_attachment_folder() -> str:
    """A folder for one submission's files, named at random.

    Never derived from a case id: files are written before their case exists (see
    ``cases.submit_case``), and a case id may be given again after a rolled-back
    transaction (SQLite reuses the highest id), so files left by a crash must never share a
    folder with a later case.
    """
    while True:
        folder = f"{ATTACHMENT_ROOT}/{uuid.uuid4().hex}"
        if not private_storage.exists(folder):
            return folder


def attachment_name(folder: str, filename: str) -> str:
    # The stored name is random: a person's file name may carry personal data or odd bytes.
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{ext}"


def attachment_path(instance: CaseAttachment, filename: str) -> str:
    return attachment_name(new_attachment_folder(), filename)


class CaseAttachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to=attachment_path, max_length=255
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        db_table = "engagement_caseattachment"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_filename


class CaseEvent(models.Model):
    """One step of a case, with who took it and when: the case's history."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        ASSIGNED = "assigned", _("Assigned to a unit")
        REPLIED = "replied", _("Replied")
        NOTE = "note", _("Internal note")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")
        PUBLISHED_QA = "published_qa", _("Published as Q&A")
        UNPUBLISHED_QA = "unpublished_qa", _("Removed from Q&A")
        ERASED = "erased", _("Contact details and files erased")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # Kept as text too: the history must still name the person after an account is removed.
    actor_name = models.CharField(_("by"), max_length=255, blank=True)
    text = models.TextField(_("text"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        db_table = "engagement_caseevent"
        verbose_name = _("case step")
        verbose_name_plural = _("case history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class HandlerNamingPolicy(SitePermissionPolicy):
    """Who may change the list of corruption complaint handlers.

    Administrators, as their role's duties say, besides anyone Wagtail's own permissions
    allow (superusers, or a group given "change" on this setting). Every change is logged,
    with who was added and who removed (see ``cases``).
    """

    def _user_has_global_permission(self, user, actions) -> bool:
        if "change" in actions and user.is_active and user_has_role(user, Role.ADMINISTRATOR):
            return True
        return super()._user_has_global_permission(user, actions)


class HandlersForm(WagtailAdminModelForm):
    """The people as staff know them (name and position, as they sign); active accounts,
    and whoever is named now even if their account has since been closed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        named = self.instance.people.all() if self.instance.pk else []
        field.queryset = with_positions(
            get_user_model()
            .objects.filter(models.Q(is_active=True) | models.Q(pk__in=[p.pk for p in named]))
            .order_by("first_name", "username")
        )
        field.label_from_instance = name_and_position


@register_setting(icon="lock")
class CorruptionComplaintHandlers(BaseSiteSetting):
    """The people an agency names to handle corruption complaints; only they see those."""

    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("People who handle corruption and misconduct complaints"),
        help_text=_(
            "Only the people ticked here see corruption complaints: not webmasters, "
            "executives or administrators unless they are ticked."
        ),
    )

    base_form_class = HandlersForm
    panels = [FieldPanel("people", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        db_table = "engagement_corruptioncomplainthandlers"
        verbose_name = _("corruption complaint handlers")
        verbose_name_plural = _("corruption complaint handlers")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def get_permission_policy(cls) -> HandlerNamingPolicy:
        return HandlerNamingPolicy(cls)


class ComplaintReportPublication(models.Model):
    """Which complaint report (fiscal year, 6 or 12 months) was published as which item."""

    agency = models.ForeignKey(
        "agency.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    fiscal_year = models.PositiveIntegerField(_("fiscal year (B.E.)"))
    months = models.PositiveSmallIntegerField(_("months"))
    item = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("information item"),
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        db_table = "engagement_complaintreportpublication"
        verbose_name = _("published complaint report")
        verbose_name_plural = _("published complaint reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "months"], name="complaint_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}/{self.months}"
