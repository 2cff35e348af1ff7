"""What the public does on the site: page views counted per page per day; complaints and
questions sent through the e-services."""

from __future__ import annotations

import os
import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.permission_policies.sites import SitePermissionPolicy

from prakat.agency.models import display_name
from prakat.agency.roles import Role, user_has_role

# The e-services migration refers to get_private_storage here.
from prakat.content.storage import get_private_storage, private_storage


class PageView(models.Model):
    """How many times one page was read on one day (Asia/Bangkok); nothing about who read it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="page_view_one_row_a_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.views}"


# --- the website satisfaction survey (see survey.py) ----------------------------------------


class SurveyResponse(models.Model):
    """One person's answer to the satisfaction survey: ratings and a comment, nobody's name.

    The comment is blanked once the retention period has passed (``survey_retention``); the
    ratings stay, as anonymous counts.
    """

    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    comment = models.TextField(_("comment"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.submitted_at:%Y-%m-%d}"


class SurveyRating(models.Model):
    """The level (5 highest … 1 lowest) one response gave one aspect.

    The aspect is a code from ``survey.Aspect``, kept without database choices so that adding
    an aspect needs no migration.
    """

    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("survey response"),
    )
    aspect = models.CharField(_("aspect"), max_length=40)
    level = models.PositiveSmallIntegerField(_("level"))

    class Meta:
        verbose_name = _("survey rating")
        verbose_name_plural = _("survey ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "aspect"], name="survey_one_rating_an_aspect"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5), name="survey_level_1_to_5"
            ),
        ]
        indexes = [models.Index(fields=["aspect", "level"])]

    def __str__(self) -> str:
        return f"{self.response_id} {self.aspect}: {self.level}"


class SurveyVisitorKey(models.Model):
    """That someone answered today: a keyed hash of their address and browser, for one day.

    The raw address is never stored; the hash is keyed with the site's secret and the day, so
    it cannot be matched across days, and it is deleted the next day.
    """

    day = models.DateField(_("day"))
    key = models.CharField(_("key"), max_length=64)

    class Meta:
        verbose_name = _("survey visitor key")
        verbose_name_plural = _("survey visitor keys")
        constraints = [
            models.UniqueConstraint(fields=["day", "key"], name="survey_one_response_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.key[:8]}"


# --- E-services: complaints and questions with a tracking code ------------------------------


class CaseKind(models.TextChoices):
    GENERAL_COMPLAINT = "general", _("General complaint (service)")
    CORRUPTION_COMPLAINT = "corruption", _("Corruption or misconduct complaint")
    QUESTION = "question", _("Question")


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
    ``eservices.submit_case``), and a case id may be given again after a rolled-back
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
        verbose_name = _("case step")
        verbose_name_plural = _("case history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class HandlerNamingPolicy(SitePermissionPolicy):
    """Who may change the list of corruption complaint handlers.

    Administrators, as their role's duties say, besides anyone Wagtail's own permissions
    allow (superusers, or a group given "change" on this setting). Every change is logged,
    with who was added and who removed (see ``eservices``).
    """

    def _user_has_global_permission(self, user, actions) -> bool:
        if "change" in actions and user.is_active and user_has_role(user, Role.ADMINISTRATOR):
            return True
        return super()._user_has_global_permission(user, actions)


class HandlersForm(WagtailAdminModelForm):
    """The people as staff know them (full name, else username); active accounts, and
    whoever is named now even if their account has since been closed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        named = self.instance.people.all() if self.instance.pk else []
        field.queryset = (
            get_user_model()
            .objects.filter(models.Q(is_active=True) | models.Q(pk__in=[p.pk for p in named]))
            .order_by("first_name", "username")
        )
        field.label_from_instance = display_name


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
        verbose_name = _("published complaint report")
        verbose_name_plural = _("published complaint reports")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "fiscal_year", "months"], name="complaint_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year}/{self.months}"
